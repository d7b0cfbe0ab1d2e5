create table if not exists ops.pipeline_runs (
  run_id varchar not null,
  step varchar not null,
  mode varchar not null,
  -- running | succeeded | failed | skipped
  status varchar not null,
  attempt integer not null,
  started_at timestamp_tz not null,
  finished_at timestamp_tz,
  exit_code integer,
  rows_written bigint,
  message varchar,
  primary key (run_id, step, attempt)
);
