-- name:       check_freshness
-- grain:      one row when stale, none when fresh
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the model checked
-- table:      set per declaration
-- severity:   set per declaration
-- scope:      batch (every run)

-- The newest {{ column }} (a source cursor such as updated_at) is older than
-- :stale_before (the run's scheduled time less the declared minutes), or the
-- table holds no row. The sample is the newest value, so the alert says how
-- old the data is. :run_id and :whole_table are unused: freshness is the table's.
with newest as (
  select max({{ column }}) as newest_value
  from {{ table }}
)

select 1 as failing_rows, coalesce(cast(newest_value as varchar), 'no rows') as failing_key
from newest
where newest_value is null
  or newest_value < :stale_before
