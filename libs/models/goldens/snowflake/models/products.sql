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
