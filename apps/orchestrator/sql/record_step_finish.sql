-- name:       record_step_finish
-- grain:      one row per run, step and attempt
-- keys:       run_id, step, attempt
-- depends-on: ops.pipeline_runs

-- The figures come from the job's run record; null when it wrote none.
update ops.pipeline_runs
set
  status = :status,
  finished_at = :finished_at,
  exit_code = :exit_code,
  rows_written = :rows_written,
  message = :message,
  rows_in = :rows_in,
  rows_out = :rows_out,
  bytes = :bytes,
  duration_seconds = :duration_seconds,
  lag_minutes = :lag_minutes,
  retries = :retries,
  note = :note
where run_id = :run_id
  and step = :step
  and attempt = :attempt
