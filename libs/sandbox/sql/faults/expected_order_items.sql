-- name:       sandbox_faults_expected_order_items
-- grain:      one row per order_item_id stamped before :window_end
-- keys:       order_item_id
-- depends-on: orders_db_schema
select
  order_item_id::text as key,
  line_total::text as total,
  (extract(epoch from updated_at) * 1000000)::bigint::text as updated_us
from order_items
where updated_at < :window_end
