-- name:       stg_orders_duplicate_order_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__orders
-- table:      staging.stg_orders_db__orders
-- severity:   error
-- scope:      batch

-- The rows this run staged have one version each (stg_orders_duplicate_order,
-- nightly, checks every row).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, count(*) as copies
  from staging.stg_orders_db__orders
  where order_id in (select order_id from staging.stg_orders_db__orders where _run_id = :run_id)
  group by order_id
  having count(*) > 1
) as duplicated
