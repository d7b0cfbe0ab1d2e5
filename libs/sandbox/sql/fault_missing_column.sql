-- name:       sandbox_fault_missing_column
-- grain:      DDL
-- keys:       none
-- depends-on: orders_db_schema
-- A breaking change. delivered_at, not shipping, so total = subtotal + tax + shipping still holds.
alter table orders drop column delivered_at
