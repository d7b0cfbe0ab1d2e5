-- Rendered per model from its header's `keys:` ({{ table }}, {{ key }}):
-- rows without a key value. Nightly, over the whole table.
select count(*) as failing_rows
from staging.stg_orders_db__orders
where order_id is null;
