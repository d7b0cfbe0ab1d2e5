-- name:       ops_columns
-- grain:      one row per column of a table in the ops schema
-- keys:       table_name, column_name
-- depends-on: information_schema.columns

-- Names folded to lower case: Snowflake keeps them upper case.
select
  lower(table_name) as table_name,
  lower(column_name) as column_name
from information_schema.columns
where lower(table_schema) = lower(:schema_name)
