-- name:       next_attempt
-- grain:      one row
-- keys:       run_id, step
-- depends-on: ops.pipeline_runs
select coalesce(max(attempt), 0) + 1 as attempt
from ops.pipeline_runs
where run_id = :run_id
  and step = :step
