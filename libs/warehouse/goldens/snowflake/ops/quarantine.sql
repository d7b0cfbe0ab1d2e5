create table if not exists ops.quarantine (
  run_id varchar not null,
  source varchar not null,
  entity varchar not null,
  source_file varchar not null,
  row_number bigint not null,
  reason varchar not null,
  record varchar not null,
  quarantined_at timestamp_tz not null
);
