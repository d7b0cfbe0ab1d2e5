-- name:       pipeline_runs
-- grain:      one row per attempt of one step of one run
-- keys:       run_id, step, attempt
-- depends-on: none

-- The columns after message come from the job's run record (its last log
-- line) and were added later: a warehouse made before them gains them, null
-- in older rows, through ops-table-migration.ts. New columns go at the end
-- and nullable.
create table if not exists ops.pipeline_runs (
  run_id varchar not null,
  step varchar not null,
  mode varchar not null,
  -- running | succeeded | failed | skipped
  status varchar not null,
  attempt integer not null,
  started_at {{ ts_type() }} not null,
  finished_at {{ ts_type() }},
  exit_code integer,
  rows_written bigint,
  message varchar,
  rows_in bigint,
  rows_out bigint,
  bytes bigint,
  duration_seconds double,
  -- minutes from a source's window close to its curated tables' publish (the quality job's worst source)
  lag_minutes double,
  -- requests the app retried within this attempt (attempt counts the job's own re-runs)
  retries integer,
  -- what the job wants an operator to know about an otherwise good run, e.g. a Stripe events gap re-listed by created
  note varchar,
  primary key (run_id, step, attempt)
)
