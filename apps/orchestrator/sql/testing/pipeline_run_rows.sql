-- name:       orchestrator_testing_pipeline_run_rows
-- grain:      one row per run, step and attempt
-- keys:       run_id, step, attempt
-- depends-on: ops.pipeline_runs
select
  step,
  attempt,
  status,
  exit_code,
  message
from ops.pipeline_runs
where run_id = :run_id
order by step, attempt
