-- name:       stg_customers_duplicate_customer
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__customers
-- table:      staging.stg_orders_db__customers
-- severity:   error
-- scope:      table

-- Staging keeps one version per customer; a second one means a MERGE went wrong.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_id, count(*) as copies
  from staging.stg_orders_db__customers
  group by customer_id
  having count(*) > 1
) as duplicated
