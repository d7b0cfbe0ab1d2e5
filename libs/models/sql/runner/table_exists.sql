-- name:       table_exists
-- grain:      one row
-- keys:       none
-- depends-on: information_schema.tables
-- Snowflake keeps names upper case, DuckDB as written: compare folded.
select count(*) as tables_found
from information_schema.tables
where lower(table_schema) = lower(:schema_name)
  and lower(table_name) = lower(:table_name)
