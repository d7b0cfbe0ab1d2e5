-- name:       stg_orders_duplicate_order
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__orders
-- table:      staging.stg_orders_db__orders
-- severity:   error
-- scope:      table

-- Staging keeps one version per order; a second one means a MERGE went wrong.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, count(*) as copies
  from staging.stg_orders_db__orders
  group by order_id
  having count(*) > 1
) as duplicated
