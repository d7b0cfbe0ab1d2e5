-- name:       pii_reads
-- grain:      one row per user, role and PII column read since a given instant
-- keys:       user_name, role_name, object_name, column_name
-- depends-on: ops.access_audit
-- "Who read which PII column in the last 30 days" (docs/operations.md).
select user_name, role_name, object_name, column_name, count(distinct query_id) as queries, max(accessed_at) as last_read_at
from ops.access_audit
where is_pii and accessed_at >= :since
group by user_name, role_name, object_name, column_name
order by object_name, column_name, user_name, role_name
