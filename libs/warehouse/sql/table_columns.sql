-- name:       table_columns
-- grain:      one row per column of one table (none when the table is missing)
-- keys:       column_name
-- depends-on: information_schema.columns
-- Snowflake keeps names upper case, DuckDB as written: returned folded.
select lower(column_name) as column_name
from information_schema.columns
where lower(table_schema) = lower(:schema_name)
  and lower(table_name) = lower(:table_name)
order by ordinal_position
