-- name:       sandbox_faults_curated_orders
-- grain:      one row per curated.fct_orders row (a duplicated key shows twice)
-- keys:       none: finding duplicated keys is the point
-- depends-on: fct_orders
-- DuckDB (the embedded warehouse the fault suite runs on): epoch_us.
select
  cast(order_id as varchar) as key,
  order_status as status,
  cast(total_amount as varchar) as total,
  cast(epoch_us(source_updated_at) as varchar) as updated_us,
  is_deleted
from curated.fct_orders
