create table if not exists ops.dq_results (
  run_id varchar not null,
  check_name varchar not null,
  table_name varchar not null,
  -- error | warn
  severity varchar not null,
  -- pass | fail
  status varchar not null,
  failing_rows bigint not null,
  details varchar,
  checked_at timestamp_tz not null,
  primary key (run_id, check_name)
);
