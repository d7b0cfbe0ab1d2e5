-- Sum reconciliation between layers, judged per key so a difference names
-- the rows that make it: each key {{ upstream }} wrote in this run carries
-- the same {{ column }} in {{ table }}. Both sums over this run's keys are
-- then equal exactly when no key fails.
with failing as (
  select cast(upstream.order_item_id as varchar) as failing_key
  from staging.stg_orders_db__order_items as upstream
  inner join curated.fct_order_items as downstream
    on downstream.order_item_id = upstream.order_item_id
  where (cast($1 as boolean) or upstream._run_id = $2)
    and upstream.line_total_amount is distinct from downstream.line_total_amount
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: false
--   2: "hourly-20261129T10"
