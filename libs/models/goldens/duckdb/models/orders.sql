create or replace view analytics.orders as
select
  order_sk as order_key,
  order_id,
  customer_sk as customer_key,
  customer_id,
  order_status,
  currency_code,
  subtotal_amount,
  tax_amount,
  shipping_amount,
  total_amount,
  order_date,
  cast(year(order_date) * 10000 + month(order_date) * 100 + day(order_date) as bigint) as order_date_key,
  ordered_at,
  paid_at,
  shipped_at,
  delivered_at,
  cancelled_at,
  source_updated_at as last_updated_at
from curated.fct_orders
where not is_deleted;

comment on view analytics.orders is 'One row per order placed on the Northstar web shop (orders deleted in the orders DB are left out). Amounts in the order currency.';
