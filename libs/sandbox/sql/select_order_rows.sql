-- name:       sandbox_select_order_rows
-- grain:      one row per orders row with one of the ids
-- keys:       order_id (duplicated when the table holds duplicates)
-- depends-on: orders_db_schema
-- Whole rows as JSON, so they come back in whatever shape faults gave the table.
select cast(row_to_json(o) as text) as row
from orders as o
where o.order_id = any(cast(:order_ids as bigint[]))
order by o.order_id, o.updated_at
