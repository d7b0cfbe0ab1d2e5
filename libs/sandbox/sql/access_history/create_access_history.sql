-- name:       create_access_history
-- grain:      DuckDB stand-ins for SNOWFLAKE.ACCOUNT_USAGE.ACCESS_HISTORY and QUERY_HISTORY
-- keys:       query_id
-- depends-on: none
-- The columns the access audit reads, named and shaped as Snowflake's views
-- (base_objects_accessed as the JSON text of its array), so the job's DuckDB
-- query is the Snowflake one in DuckDB's spelling.
create schema if not exists account_usage;
create table if not exists account_usage.access_history (
  query_id varchar not null,
  query_start_time timestamptz not null,
  user_name varchar not null,
  base_objects_accessed varchar not null
);
create table if not exists account_usage.query_history (
  query_id varchar not null,
  role_name varchar not null
)
