-- name:       record_step_start
-- grain:      one row per run, step and attempt
-- keys:       run_id, step, attempt
-- depends-on: ops.pipeline_runs
insert into ops.pipeline_runs (run_id, step, mode, status, attempt, started_at)
values (:run_id, :step, :mode, 'running', :attempt, :started_at)
