-- The newest {{ column }} (a source cursor such as updated_at) is older than
-- :stale_before (the run's scheduled time less the declared minutes), or the
-- table holds no row. The sample is the newest value, so the alert says how
-- old the data is. :run_id and :whole_table are unused: freshness is the table's.
with newest as (
  select max(source_updated_at) as newest_value
  from curated.fct_orders
)

select 1 as failing_rows, coalesce(cast(newest_value as varchar), 'no rows') as failing_key
from newest
where newest_value is null
  or newest_value < $1;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
