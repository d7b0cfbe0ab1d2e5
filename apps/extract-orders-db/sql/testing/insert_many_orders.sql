-- name:       orders_db_testing_insert_many_orders
-- grain:      one new order row per id in [:first_id, :first_id + :count)
-- keys:       order_id
-- depends-on: orders
-- Enough rows that a COPY of them is still streaming when its reader stops.
insert into orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, created_at, updated_at)
select id, 1, 'pending', 'EUR', 10.00, 2.00, 0.00, 12.00, now(), now(), now()
from generate_series(cast(:first_id as bigint), cast(:first_id as bigint) + cast(:count as bigint) - 1) as id
