-- name:       add_column
-- grain:      none (DDL)
-- keys:       none
-- depends-on: the table it alters
-- Rows already in the table read null in the new column.
alter table {{ table }} add column if not exists {{ column_definition }}
