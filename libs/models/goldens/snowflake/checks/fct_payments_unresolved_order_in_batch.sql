-- fct_payments_unresolved_order for the payments this run merged: each names
-- an order fct_orders holds (one may land an hour before its order: a warning).
with failing as (
  select payment_type || ' ' || movement_id || ' (order ' || order_id || ')' as failing_key
  from curated.fct_payments
  where _run_id = :1
    and order_id is not null
    and order_sk is null
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: "hourly-20261129T10"
