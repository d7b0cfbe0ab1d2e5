-- name:       pipeline_runs_before_run_figures
-- grain:      one row per attempt of one step of one run (the table as releases before the run-record columns made it; the migration spec's starting point)
-- keys:       run_id, step, attempt
-- depends-on: none

create table ops.pipeline_runs (
  run_id varchar not null,
  step varchar not null,
  mode varchar not null,
  status varchar not null,
  attempt integer not null,
  started_at {{ ts_type() }} not null,
  finished_at {{ ts_type() }},
  exit_code integer,
  rows_written bigint,
  message varchar,
  primary key (run_id, step, attempt)
)
