-- name:       forget_model_state
-- grain:      one row per model
-- keys:       model
-- depends-on: ops.model_state
-- A model without state takes everything upstream as new on its next run.
delete from ops.model_state
where model = :model
