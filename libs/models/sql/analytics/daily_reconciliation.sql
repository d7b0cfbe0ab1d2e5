-- name:       daily_reconciliation
-- grain:      one row per order date and currency
-- keys:       reconciliation_key = curated.fct_daily_reconciliation.reconciliation_sk; order_date, currency_code unique
-- depends-on: fct_daily_reconciliation
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for the daily order-versus-payment reconciliation. The
-- columns are a kept contract (libs/contracts/src/analytics-contracts.ts):
-- adding one is free; removing, renaming or narrowing one needs
-- analytics.daily_reconciliation_v2 beside this view.

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
