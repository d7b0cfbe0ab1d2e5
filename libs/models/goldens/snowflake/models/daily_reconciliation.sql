create or replace view analytics.daily_reconciliation as
select
  reconciliation_sk as reconciliation_key,
  order_date,
  cast(year(order_date) * 10000 + month(order_date) * 100 + day(order_date) as bigint) as order_date_key,
  currency_code,
  orders_count,
  order_total,
  captured_amount,
  refunded_amount,
  disputed_amount,
  net_amount,
  difference_amount,
  reconciliation_status
from curated.fct_daily_reconciliation;

comment on view analytics.daily_reconciliation is 'One row per order date and currency: paid order totals against what Stripe captured, refunded and lost to disputes for those orders; pending until settled, then matched or mismatched.';
