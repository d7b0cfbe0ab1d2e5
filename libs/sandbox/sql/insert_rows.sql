-- name:       sandbox_insert_rows
-- grain:      one row per element of the :rows JSON array
-- keys:       the table's own
-- depends-on: orders_db_schema
-- One bind parameter carries a whole batch. Rows take the table's current
-- shape: keys for columns a fault dropped are ignored, a column a fault
-- added is filled when the row has it, a retyped column casts from text.
insert into {{ table }}
select *
from json_populate_recordset(null::{{ table }}, cast(:rows as json))
