-- name:       record_model_publish
-- grain:      one row per model batch committed
-- keys:       none
-- depends-on: ops.model_publishes
insert into ops.model_publishes (model, run_id, published_at)
values (:model, :run_id, :now)
