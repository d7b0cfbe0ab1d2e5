-- name:       raw_orders_duplicate_rows
-- grain:      one result per run
-- keys:       none
-- depends-on: raw.orders_db__orders
-- table:      raw.orders_db__orders
-- severity:   warn
-- scope:      batch

-- The same order version landed twice by one run: the source table holds
-- duplicate rows (it has no primary key). Staging keeps one; this reports it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, updated_at, count(*) as copies
  from raw.orders_db__orders
  where _run_id = :run_id
    and order_id is not null
  group by order_id, updated_at
  having count(*) > 1
) as duplicated
