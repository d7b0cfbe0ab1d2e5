-- name:       sandbox_fault_type_change
-- grain:      DDL
-- keys:       none
-- depends-on: orders_db_schema
-- A breaking change: numeric becomes text (values keep their digits).
alter table orders alter column tax type text
