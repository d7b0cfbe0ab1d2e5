-- name:       sandbox_faults_expected_orders
-- grain:      one row per order_id: its latest version stamped before :window_end
-- keys:       order_id
-- depends-on: orders_db_schema
-- What curated.fct_orders owes the source once a run ending at :window_end
-- has loaded: rows without a key are not owed (quarantined), a duplicated row
-- once, an out-of-order pair by its later stamp.
select distinct on (order_id)
  order_id::text as key,
  status,
  total::text as total,
  (extract(epoch from updated_at) * 1000000)::bigint::text as updated_us
from orders
where order_id is not null
  and updated_at < :window_end
order by order_id, updated_at desc
