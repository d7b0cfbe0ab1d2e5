-- name:       stg_orders_db__customers
-- grain:      one row per customer: the latest version by updated_at, then extraction time, then file and row
-- keys:       customer_id
-- depends-on: raw.orders_db__customers
-- tracks:     raw.orders_db__customers._loaded_at

-- Rendered on templates/staging_model.sql: null keys quarantined, one row per
-- customer_id, newer updated_at wins, delete flags, lineage columns.

select
  customer_id,
  email,
  first_name,
  last_name,
  phone,
  upper(country) as country_code,
  created_at,
  updated_at
from {{ source }}
