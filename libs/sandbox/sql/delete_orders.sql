-- name:       sandbox_delete_orders
-- grain:      one row per deleted order or item
-- keys:       kind, id
-- depends-on: orders_db_schema
-- The hard_delete fault: orders vanish with their items, leaving no trace
-- the incremental extractor could see.
with gone_items as (
  delete from order_items
  where order_id = any(cast(:order_ids as bigint[]))
  returning order_item_id
),
gone_orders as (
  delete from orders
  where order_id = any(cast(:order_ids as bigint[]))
  returning order_id
)
select 'order_item' as kind, order_item_id as id from gone_items
union all
select 'order' as kind, order_id as id from gone_orders
