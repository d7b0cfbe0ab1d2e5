-- name:       products
-- grain:      one row per product still in the source (products deleted there are left out)
-- keys:       product_key = curated.dim_product.product_sk; product_id unique
-- depends-on: dim_product
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for products; a kept contract like analytics.orders.
-- list_price is today's price: the price a line sold at is on analytics.order_lines.

create or replace view analytics.products as
select
  product_sk as product_key,
  product_id,
  sku,
  product_name,
  category,
  unit_price as list_price,
  currency_code,
  is_active,
  is_inferred as is_placeholder,
  source_updated_at as last_updated_at
from curated.dim_product
where not is_deleted;

comment on view analytics.products is 'One row per product with its current name, category and list price.';
