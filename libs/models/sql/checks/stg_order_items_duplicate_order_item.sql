-- name:       stg_order_items_duplicate_order_item
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__order_items
-- table:      staging.stg_orders_db__order_items
-- severity:   error
-- scope:      table

-- Staging keeps one version per order line; a second one means a MERGE went wrong.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_item_id, count(*) as copies
  from staging.stg_orders_db__order_items
  group by order_item_id
  having count(*) > 1
) as duplicated
