-- name:       close_running_steps
-- grain:      one row per run, step and attempt
-- keys:       run_id, step, attempt
-- depends-on: ops.pipeline_runs
update ops.pipeline_runs
set
  status = 'failed',
  finished_at = :finished_at,
  message = :message
where run_id = :run_id
  and status = 'running'
