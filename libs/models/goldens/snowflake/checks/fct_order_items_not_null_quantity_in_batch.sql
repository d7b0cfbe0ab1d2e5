-- Rows whose {{ column }} is null: this run's rows, or the whole table when
-- :whole_table. Every declared check returns the same shape: the count of
-- failing rows on each row, and a few of their keys as a sample (none: pass).
with failing as (
  select cast(order_item_id as varchar) as failing_key
  from curated.fct_order_items
  where (cast(:1 as boolean) or _run_id = :2)
    and quantity is null
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: false
--   2: "hourly-20261129T10"
