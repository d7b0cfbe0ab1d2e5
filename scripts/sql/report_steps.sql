-- name:       report_steps
-- grain:      one row per pipeline run and step
-- keys:       run_id, step
-- depends-on: ops.pipeline_runs
select
  run_id,
  step,
  status,
  round(datediff('millisecond', started_at, finished_at) / 1000.0, 2) as seconds
from ops.pipeline_runs
order by started_at
