-- name:       read_access_history
-- grain:      one row per column of a project object one query read (through views: base objects)
-- keys:       query_id, object_name, column_name
-- depends-on: snowflake.account_usage.access_history, snowflake.account_usage.query_history
-- ACCESS_HISTORY has no role: QUERY_HISTORY gives the query's role. Both lag
-- by up to a few hours, so the job re-reads from a day before its last row.
select
  ah.query_id,
  ah.query_start_time as accessed_at,
  ah.user_name,
  qh.role_name,
  lower(obj.value:"objectName"::varchar) as object_name,
  lower(col.value:"columnName"::varchar) as column_name
from snowflake.account_usage.access_history ah
left join snowflake.account_usage.query_history qh on qh.query_id = ah.query_id,
  lateral flatten(input => ah.base_objects_accessed) obj,
  lateral flatten(input => obj.value:"columns") col
where ah.query_start_time >= :since
  and lower(split_part(obj.value:"objectName"::varchar, '.', 1)) = lower(current_database())
order by accessed_at, ah.query_id
