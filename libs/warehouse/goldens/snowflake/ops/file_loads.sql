-- The ledger that keeps a file from loading twice: kept for ever, unlike
-- Snowflake's 64-day load metadata.
create table if not exists ops.file_loads (
  source_file varchar not null primary key,
  sha256 varchar not null,
  source varchar not null,
  entity varchar not null,
  run_id varchar not null,
  rows_loaded bigint not null,
  loaded_at timestamp_tz not null
);
