select max(accessed_at) as last_accessed_at
from ops.access_audit;

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
where ah.query_start_time >= :1
  and lower(split_part(obj.value:"objectName"::varchar, '.', 1)) = lower(current_database())
order by accessed_at, ah.query_id;
-- binds:
--   1: "2026-12-03T11:00:00+00:00"

begin transaction;

insert into ops.access_audit (query_id, accessed_at, user_name, role_name, object_name, column_name, is_pii, audited_at)
select cast(:1 as varchar), cast(:2 as timestamp_tz), cast(:3 as varchar), cast(:4 as varchar), cast(:5 as varchar), cast(:6 as varchar), cast(:7 as boolean), cast(:8 as timestamp_tz)
where not exists (
  select 1 from ops.access_audit
  where query_id = cast(:1 as varchar) and object_name = cast(:5 as varchar) and column_name = cast(:6 as varchar)
);
-- binds:
--   1: "01b2-q1"
--   2: "2026-12-04T12:00:00+00:00"
--   3: "ANALYST"
--   4: "PII_READER"
--   5: "curated.dim_customer"
--   6: "email"
--   7: true
--   8: "2026-12-05T02:00:00+00:00"

commit;
