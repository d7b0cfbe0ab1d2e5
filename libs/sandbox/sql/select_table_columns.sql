-- name:       sandbox_select_table_columns
-- grain:      one row per column of the table
-- keys:       column_name
-- depends-on: orders_db_schema
select column_name, data_type
from information_schema.columns
where table_schema = current_schema()
  and table_name = :table
order by ordinal_position
