-- Rendered per model from its header's `keys:` ({{ table }}, {{ key }}):
-- rows without a key value. Nightly, over the whole table.
select count(*) as failing_rows
from staging.stg_orders_db__products
where product_id is null;
