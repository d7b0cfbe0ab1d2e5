-- name:       record_dq_result
-- grain:      one row per run and check
-- keys:       run_id, check_name
-- depends-on: ops.dq_results
merge into ops.dq_results as target
using (
  select
    cast(:run_id as varchar) as run_id,
    cast(:check_name as varchar) as check_name,
    cast(:table_name as varchar) as table_name,
    cast(:severity as varchar) as severity,
    cast(:status as varchar) as status,
    cast(:failing_rows as bigint) as failing_rows,
    cast(:details as varchar) as details
) as result
on target.run_id = result.run_id and target.check_name = result.check_name
when matched then update set
  table_name = result.table_name,
  severity = result.severity,
  status = result.status,
  failing_rows = result.failing_rows,
  details = result.details,
  checked_at = :now
when not matched then insert (run_id, check_name, table_name, severity, status, failing_rows, details, checked_at)
values (result.run_id, result.check_name, result.table_name, result.severity, result.status, result.failing_rows, result.details, :now)
