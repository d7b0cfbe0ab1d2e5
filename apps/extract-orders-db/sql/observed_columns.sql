-- name:       orders_db_observed_columns
-- grain:      one row per column of the source table
-- keys:       column_name
-- depends-on: information_schema.columns
select
  column_name,
  data_type,
  numeric_precision,
  numeric_scale
from information_schema.columns
where table_schema = :schema
  and table_name = :table
order by ordinal_position
