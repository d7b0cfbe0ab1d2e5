-- name:       model_published_at
-- grain:      one row when the model ran in the run, none otherwise
-- keys:       none
-- depends-on: ops.model_state

-- When a model last committed its output in this run: the curated tables a
-- source feeds are published when their model state moves.
select updated_at as published_at
from ops.model_state
where model = :model
  and run_id = :run_id
