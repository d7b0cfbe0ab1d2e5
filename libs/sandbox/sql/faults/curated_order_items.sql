-- name:       sandbox_faults_curated_order_items
-- grain:      one row per curated.fct_order_items row (a duplicated key shows twice)
-- keys:       none: finding duplicated keys is the point
-- depends-on: fct_order_items
-- DuckDB (the embedded warehouse the fault suite runs on): epoch_us.
select
  cast(order_item_id as varchar) as key,
  cast(line_total_amount as varchar) as total,
  cast(epoch_us(source_updated_at) as varchar) as updated_us,
  is_deleted
from curated.fct_order_items
