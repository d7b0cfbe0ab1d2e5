-- name:       report_checks
-- grain:      one row per quality check
-- keys:       check_name
-- depends-on: ops.dq_results
select
  check_name,
  severity,
  sum(case when status = 'pass' then 1 else 0 end) as runs_passed,
  sum(case when status = 'fail' then 1 else 0 end) as runs_failed,
  max(failing_rows) as worst_failing_rows
from ops.dq_results
group by check_name, severity
order by check_name
