-- name:       insert_raw_row
-- grain:      one row
-- keys:       none
-- depends-on: a raw table
-- Test fixtures land raw rows with this, as the loader would (values bound).
insert into {{ table }} ({{ columns }})
values ({{ values }})
