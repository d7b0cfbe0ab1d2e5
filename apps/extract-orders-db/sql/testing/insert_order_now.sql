-- name:       orders_db_testing_insert_order_now
-- grain:      one new order row
-- keys:       order_id
-- depends-on: orders
-- A writer that stamps its rows with now(), i.e. its transaction's start, as
-- most applications do: the case the snapshot horizon exists for.
insert into orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, created_at, updated_at)
values (:order_id, 1, 'pending', 'EUR', 10.00, 2.00, 0.00, 12.00, now(), now(), now())
returning updated_at
