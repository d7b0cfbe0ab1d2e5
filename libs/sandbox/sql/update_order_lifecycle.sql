-- name:       sandbox_update_order_lifecycle
-- grain:      one update per order in :rows (every row of it, duplicates too)
-- keys:       order_id
-- depends-on: orders_db_schema
update orders as o
set
  status = r.status,
  paid_at = r.paid_at,
  shipped_at = r.shipped_at,
  delivered_at = r.delivered_at,
  cancelled_at = r.cancelled_at,
  updated_at = r.updated_at
from json_to_recordset(cast(:rows as json)) as r (
  order_id bigint,
  status text,
  paid_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  updated_at timestamptz
)
where o.order_id = r.order_id
