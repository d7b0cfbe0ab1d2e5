-- name:       pipeline_runs
-- grain:      one row per attempt of one step of one run
-- keys:       run_id, step, attempt
-- depends-on: none
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
  primary key (run_id, step, attempt)
)
