-- name:       append_access_audit
-- grain:      one column one query read, appended once
-- keys:       query_id, object_name, column_name
-- depends-on: ops.access_audit
-- The re-read overlap brings rows already here: they are skipped, not doubled.
insert into ops.access_audit (query_id, accessed_at, user_name, role_name, object_name, column_name, is_pii, audited_at)
select cast(:query_id as varchar), cast(:accessed_at as {{ ts_type() }}), cast(:user_name as varchar), cast(:role_name as varchar), cast(:object_name as varchar), cast(:column_name as varchar), cast(:is_pii as boolean), cast(:audited_at as {{ ts_type() }})
where not exists (
  select 1 from ops.access_audit
  where query_id = cast(:query_id as varchar) and object_name = cast(:object_name as varchar) and column_name = cast(:column_name as varchar)
)
