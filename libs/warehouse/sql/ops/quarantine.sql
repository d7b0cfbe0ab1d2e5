-- name:       quarantine
-- grain:      one row per rejected source record
-- keys:       none (a record may be rejected again by a later run)
-- depends-on: none
create table if not exists ops.quarantine (
  run_id varchar not null,
  source varchar not null,
  entity varchar not null,
  source_file varchar not null,
  row_number bigint not null,
  reason varchar not null,
  record varchar not null,
  quarantined_at {{ ts_type() }} not null
)
