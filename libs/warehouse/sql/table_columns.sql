-- name:       table_columns
-- grain:      one row per column of one table (none when the table is missing)
-- keys:       column_name
-- depends-on: information_schema.columns
-- Snowflake keeps names upper case, DuckDB as written: returned folded.
-- Snowflake reports NUMBER without its precision and scale in data_type;
-- DuckDB spells DECIMAL(p,s) there and gives integers a precision in bits.
select
  lower(column_name) as column_name,
  data_type,
  numeric_precision,
  numeric_scale
from information_schema.columns
where lower(table_schema) = lower(:schema_name)
  and lower(table_name) = lower(:table_name)
order by ordinal_position
