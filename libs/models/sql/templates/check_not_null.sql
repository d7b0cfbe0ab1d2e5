-- name:       check_not_null
-- grain:      up to five failing keys per run, each with the failing row count
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the model checked
-- table:      set per declaration
-- severity:   set per declaration
-- scope:      set per declaration

-- Rows whose {{ column }} is null: this run's rows, or the whole table when
-- :whole_table. Every declared check returns the same shape: the count of
-- failing rows on each row, and a few of their keys as a sample (none: pass).
with failing as (
  select cast({{ key }} as varchar) as failing_key
  from {{ table }}
  where (cast(:whole_table as boolean) or _run_id = :run_id)
    and {{ column }} is null
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
