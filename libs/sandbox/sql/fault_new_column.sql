-- name:       sandbox_fault_new_column
-- grain:      DDL
-- keys:       none
-- depends-on: orders_db_schema
-- An additive change: the source team adds a column without telling anyone.
alter table orders add column gift_message text
