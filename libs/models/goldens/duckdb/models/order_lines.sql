create or replace view analytics.order_lines as
select
  order_item_sk as order_line_key,
  order_item_id as order_line_id,
  order_sk as order_key,
  order_id,
  product_sk as product_key,
  product_id,
  customer_sk as customer_key,
  quantity,
  unit_price,
  discount_amount,
  line_total_amount,
  currency_code,
  order_date,
  cast(year(order_date) * 10000 + month(order_date) * 100 + day(order_date) as bigint) as order_date_key,
  ordered_at,
  source_updated_at as last_updated_at
from curated.fct_order_items
where not is_deleted;

comment on view analytics.order_lines is 'One row per order line: product, quantity and the price it sold at, in the order currency.';
