-- name:       stg_order_items_duplicate_order_item_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__order_items
-- table:      staging.stg_orders_db__order_items
-- severity:   error
-- scope:      batch

-- The rows this run staged have one version each (stg_order_items_duplicate_order_item,
-- nightly, checks every row).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_item_id, count(*) as copies
  from staging.stg_orders_db__order_items
  where order_item_id in (select order_item_id from staging.stg_orders_db__order_items where _run_id = :run_id)
  group by order_item_id
  having count(*) > 1
) as duplicated
