-- name:       column_pii_tags
-- grain:      one row per column of one table carrying the pii tag
-- keys:       column_name
-- depends-on: information_schema.tag_references_all_columns
-- Snowflake only. Names come back upper case: returned folded, as table_columns does.
select lower(column_name) as column_name, tag_value
from table(information_schema.tag_references_all_columns(:table_name, 'table'))
where lower(tag_schema) = lower(:tag_schema)
  and lower(tag_name) = lower(:tag_name)
