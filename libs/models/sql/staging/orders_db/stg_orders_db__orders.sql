-- name:       stg_orders_db__orders
-- grain:      one row per order: the latest version by updated_at, then extraction time, then file and row
-- keys:       order_id
-- depends-on: raw.orders_db__orders
-- tracks:     raw.orders_db__orders._loaded_at

-- Rendered on templates/staging_model.sql: null keys quarantined (the legacy
-- table lets order_id be null), one row per order_id, newer updated_at wins,
-- delete flags, lineage columns.

select
  order_id,
  customer_id,
  lower(status) as order_status,
  upper(currency) as currency_code,
  subtotal as subtotal_amount,
  tax as tax_amount,
  shipping as shipping_amount,
  total as total_amount,
  ordered_at,
  paid_at,
  shipped_at,
  delivered_at,
  cancelled_at,
  created_at,
  updated_at
from {{ source }}
