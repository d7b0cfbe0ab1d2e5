-- name:       sandbox_select_state
-- grain:      one row
-- keys:       none
-- depends-on: orders_db_schema
-- Row counts, and the highest ids (what the source's sequences would hand out next).
select
  (select count(*) from customers) as customers,
  (select count(*) from products) as products,
  (select count(*) from orders) as orders,
  (select count(*) from order_items) as order_items,
  (select coalesce(max(customer_id), 0) from customers) as max_customer_id,
  (select coalesce(max(order_id), 0) from orders) as max_order_id,
  (select coalesce(max(order_item_id), 0) from order_items) as max_order_item_id
