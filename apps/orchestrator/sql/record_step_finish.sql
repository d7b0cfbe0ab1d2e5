-- name:       record_step_finish
-- grain:      one row per run, step and attempt
-- keys:       run_id, step, attempt
-- depends-on: ops.pipeline_runs
update ops.pipeline_runs
set
  status = :status,
  finished_at = :finished_at,
  exit_code = :exit_code,
  rows_written = :rows_written,
  message = :message
where run_id = :run_id
  and step = :step
  and attempt = :attempt
