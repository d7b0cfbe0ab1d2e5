-- name:       sandbox_select_order_plan_inputs
-- grain:      one row per order_id (duplicates collapse; the NULL key is left out)
-- keys:       order_id
-- depends-on: orders_db_schema
-- What planOrder needs to rebuild an order exactly; the items' first id fixes their ids.
select
  o.order_id,
  min(o.customer_id) as customer_id,
  min(cast(floor(extract(epoch from o.ordered_at) * 1000000) as bigint)) as ordered_us,
  (select min(i.order_item_id) from order_items as i where i.order_id = o.order_id) as first_item_id
from orders as o
where o.order_id is not null
group by o.order_id
order by o.order_id
