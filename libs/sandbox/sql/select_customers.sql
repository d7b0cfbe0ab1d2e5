-- name:       sandbox_select_customers
-- grain:      one row per customer
-- keys:       customer_id
-- depends-on: orders_db_schema
select
  customer_id,
  email,
  first_name,
  last_name,
  phone,
  country,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
  to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at
from customers
order by customer_id
