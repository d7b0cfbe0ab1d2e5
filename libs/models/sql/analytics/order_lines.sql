-- name:       order_lines
-- grain:      one row per order line still in the source (lines of deleted orders are left out)
-- keys:       order_line_key = curated.fct_order_items.order_item_sk; order_line_id unique
-- depends-on: fct_order_items
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for order lines; a kept contract like analytics.orders.
-- unit_price is the price the line sold at (a product's price history lives
-- here, not on analytics.products).

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
