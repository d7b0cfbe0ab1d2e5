-- name:       read_access_history
-- grain:      one row per column of a project object one query read (through views: base objects)
-- keys:       query_id, object_name, column_name
-- depends-on: account_usage.access_history, account_usage.query_history (the sandbox's synthetic copies)
-- The sandbox keeps ACCESS_HISTORY's shape, base_objects_accessed as JSON text.
select
  ah.query_id,
  ah.query_start_time as accessed_at,
  ah.user_name,
  qh.role_name,
  lower(obj.o.objectName) as object_name,
  lower(col.c.columnName) as column_name
from account_usage.access_history ah
left join account_usage.query_history qh on qh.query_id = ah.query_id
cross join unnest(from_json(ah.base_objects_accessed, '[{"objectName":"VARCHAR","objectDomain":"VARCHAR","columns":[{"columnName":"VARCHAR"}]}]')) as obj(o)
cross join unnest(obj.o.columns) as col(c)
where ah.query_start_time >= :since
  and lower(split_part(obj.o.objectName, '.', 1)) = lower(current_database())
order by accessed_at, ah.query_id
