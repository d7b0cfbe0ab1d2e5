-- Staging keeps one version per order line; a second one means a MERGE went wrong.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_item_id, count(*) as copies
  from staging.stg_orders_db__order_items
  group by order_item_id
  having count(*) > 1
) as duplicated;
