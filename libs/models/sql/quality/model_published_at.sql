-- name:       model_published_at
-- grain:      one row when the model ran in the run, none otherwise
-- keys:       none
-- depends-on: ops.model_publishes

-- When a model last committed its output in this run: the curated tables a
-- source feeds are published when their model commits a batch. Read from the
-- publishes log, not ops.model_state, which the next run overwrites.
select published_at
from ops.model_publishes
where model = :model
  and run_id = :run_id
order by published_at desc
limit 1
