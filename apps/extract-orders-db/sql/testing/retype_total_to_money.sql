-- name:       orders_db_testing_retype_total_to_money
-- grain:      none (DDL)
-- keys:       none
-- depends-on: orders
-- A column retyped in the source to a type no contract type stands for.
alter table orders alter column total type money using total::numeric::money
