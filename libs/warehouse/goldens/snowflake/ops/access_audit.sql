-- Appended nightly from Snowflake's ACCOUNT_USAGE.ACCESS_HISTORY (kept there
-- for 365 days only): who read which column, under which role, and whether
-- the contracts call it PII. object_name is schema.table, lower case.
create table if not exists ops.access_audit (
  query_id varchar not null,
  accessed_at timestamp_tz not null,
  user_name varchar not null,
  role_name varchar,
  object_name varchar not null,
  column_name varchar not null,
  is_pii boolean not null,
  audited_at timestamp_tz not null,
  primary key (query_id, object_name, column_name)
);
