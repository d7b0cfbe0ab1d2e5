-- name:       stg_customers_duplicate_customer_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__customers
-- table:      staging.stg_orders_db__customers
-- severity:   error
-- scope:      batch

-- The rows this run staged have one version each (stg_customers_duplicate_customer,
-- nightly, checks every row).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_id, count(*) as copies
  from staging.stg_orders_db__customers
  where customer_id in (select customer_id from staging.stg_orders_db__customers where _run_id = :run_id)
  group by customer_id
  having count(*) > 1
) as duplicated
