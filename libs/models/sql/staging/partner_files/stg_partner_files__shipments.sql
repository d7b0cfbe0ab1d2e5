-- name:       stg_partner_files__shipments
-- grain:      one row per partner, shipment and status: the latest report of that status
-- keys:       partner, shipment_id, shipment_status
-- depends-on: raw.partner_files__shipments
-- tracks:     raw.partner_files__shipments._loaded_at

-- Rendered on templates/staging_model.sql. Keyed by status too, so a
-- shipment's label (shipped) and delivery reports stay beside its latest
-- status; a replaced partner file re-sends a status with the same time and
-- other content, and the later extract wins. Columns a partner sends that
-- its mapping does not take stay in raw (unmapped_columns) until the
-- contract takes them.

select
  partner,
  shipment_id,
  order_id,
  upper(carrier) as carrier,
  tracking_number,
  lower(status) as shipment_status,
  status_at,
  ship_to_postcode,
  weight_kg,
  file_name as source_file_name,
  file_line as source_file_line
from {{ source }}
