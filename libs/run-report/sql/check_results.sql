-- name:       check_results
-- grain:      one row per check and run, for the last :run_limit runs that checked
-- keys:       run_id, check_name
-- depends-on: ops.dq_results

-- Check outcomes with their trend: the latest run's rows are the table, all
-- of them the trend.
with recent_runs as (
  select run_id, max(checked_at) as checked_at
  from ops.dq_results
  group by run_id
  order by checked_at desc
  limit :run_limit
)

select results.run_id, results.check_name, results.table_name, results.severity, results.status, results.failing_rows, results.details, results.checked_at
from ops.dq_results as results
inner join recent_runs on recent_runs.run_id = results.run_id
order by results.checked_at, results.check_name
