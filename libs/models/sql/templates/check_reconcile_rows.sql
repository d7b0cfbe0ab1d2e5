-- name:       check_reconcile_rows
-- grain:      up to five failing keys per run, each with the failing row count
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the layer below and the one above
-- table:      set per declaration
-- severity:   set per declaration
-- scope:      set per declaration

-- Row-count reconciliation between layers: every key {{ upstream }} received
-- in this run (rows without a key go to ops.quarantine and are left out)
-- has its row in {{ table }}. Counted by key, so the overlap re-reads and
-- versions that staging folds into one row are not taken for losses.
with failing as (
  select distinct cast(upstream.{{ key }} as varchar) as failing_key
  from {{ upstream }} as upstream
  where (cast(:whole_table as boolean) or upstream._run_id = :run_id)
    and upstream.{{ key }} is not null
    and not exists (
      select 1
      from {{ table }} as downstream
      where downstream.{{ key }} = upstream.{{ key }}
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
