-- name:       stg_orders_db__products
-- grain:      one row per product: the latest version by updated_at, then extraction time, then file and row
-- keys:       product_id
-- depends-on: raw.orders_db__products
-- tracks:     raw.orders_db__products._loaded_at

-- Rendered on templates/staging_model.sql: null keys quarantined, one row per
-- product_id, newer updated_at wins, delete flags, lineage columns.

select
  product_id,
  sku,
  name as product_name,
  category,
  unit_price,
  upper(currency) as currency_code,
  is_active,
  created_at,
  updated_at
from {{ source }}
