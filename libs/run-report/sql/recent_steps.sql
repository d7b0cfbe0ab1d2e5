-- name:       recent_steps
-- grain:      one row per step attempt of the last :run_limit runs
-- keys:       run_id, step, attempt
-- depends-on: ops.pipeline_runs

-- The timeline: each step's start and end, newest runs first, with the
-- figures of the job's run record (null for jobs that wrote none).
with recent_runs as (
  select run_id, max(started_at) as run_started_at
  from ops.pipeline_runs
  group by run_id
  order by run_started_at desc
  limit :run_limit
)

select
  steps.run_id,
  steps.step,
  steps.attempt,
  steps.status,
  steps.exit_code,
  steps.started_at,
  steps.finished_at,
  steps.message,
  steps.rows_in,
  steps.rows_out,
  steps.bytes,
  steps.duration_seconds,
  steps.lag_minutes,
  steps.retries,
  steps.note
from ops.pipeline_runs as steps
inner join recent_runs on recent_runs.run_id = steps.run_id
order by steps.started_at, steps.step
