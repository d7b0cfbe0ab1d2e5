-- fct_daily_reconciliation_mismatch for the days this run recomputed: the
-- orders of a settled, mismatched day whose total differs from what Stripe
-- captured for them.
with mismatched_days as (
  select order_date, currency_code
  from curated.fct_daily_reconciliation
  where _run_id = :1
    and reconciliation_status = 'mismatched'
),

order_captured as (
  select order_sk, sum(amount) as captured_amount
  from curated.fct_payments
  where payment_type = 'charge'
  group by order_sk
),

failing as (
  select
    'order ' || cast(orders.order_id as varchar) || ' on ' || cast(orders.order_date as varchar) || ' ' || orders.currency_code
      || ': ' || cast(orders.total_amount as varchar) || ' ordered, '
      || cast(coalesce(order_captured.captured_amount, 0) as varchar) || ' captured' as failing_key
  from curated.fct_orders as orders
  inner join mismatched_days
    on mismatched_days.order_date = orders.order_date
    and mismatched_days.currency_code = orders.currency_code
  left join order_captured
    on order_captured.order_sk = orders.order_sk
  where not orders.is_deleted
    and orders.paid_at is not null
    and orders.total_amount <> coalesce(order_captured.captured_amount, 0)
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: "hourly-20261129T10"
