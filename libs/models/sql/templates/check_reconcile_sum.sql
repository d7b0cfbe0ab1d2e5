-- name:       check_reconcile_sum
-- grain:      up to five failing keys per run, each with the failing row count
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the layer below and the one above
-- table:      set per declaration
-- severity:   set per declaration
-- scope:      set per declaration

-- Sum reconciliation between layers, judged per key so a difference names
-- the rows that make it: each key {{ upstream }} wrote in this run carries
-- the same {{ column }} in {{ table }}. Both sums over this run's keys are
-- then equal exactly when no key fails.
with failing as (
  select cast(upstream.{{ key }} as varchar) as failing_key
  from {{ upstream }} as upstream
  inner join {{ table }} as downstream
    on downstream.{{ key }} = upstream.{{ key }}
  where (cast(:whole_table as boolean) or upstream._run_id = :run_id)
    and upstream.{{ column }} is distinct from downstream.{{ column }}
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
