-- name:       stg_orders_db__order_items
-- grain:      one row per order line: the latest version by updated_at, then extraction time, then file and row
-- keys:       order_item_id
-- depends-on: raw.orders_db__order_items
-- tracks:     raw.orders_db__order_items._loaded_at

-- Rendered on templates/staging_model.sql: null keys quarantined, one row per
-- order_item_id, newer updated_at wins, delete flags, lineage columns.

select
  order_item_id,
  order_id,
  product_id,
  quantity,
  unit_price,
  discount as discount_amount,
  line_total as line_total_amount,
  created_at,
  updated_at
from {{ source }}
