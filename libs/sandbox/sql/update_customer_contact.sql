-- name:       sandbox_update_customer_contact
-- grain:      one update per customer in :rows
-- keys:       customer_id
-- depends-on: orders_db_schema
update customers as c
set
  email = r.email,
  phone = r.phone,
  updated_at = r.updated_at
from json_to_recordset(cast(:rows as json)) as r (
  customer_id bigint,
  email text,
  phone text,
  updated_at timestamptz
)
where c.customer_id = r.customer_id
