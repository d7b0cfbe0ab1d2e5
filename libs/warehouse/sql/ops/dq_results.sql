-- name:       dq_results
-- grain:      one row per check per run
-- keys:       run_id, check_name
-- depends-on: none
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
  checked_at {{ ts_type() }} not null,
  primary key (run_id, check_name)
)
