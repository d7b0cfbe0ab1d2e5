-- The same order version landed twice by one run: the source table holds
-- duplicate rows (it has no primary key). Staging keeps one; this reports it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, updated_at, count(*) as copies
  from raw.orders_db__orders
  where _run_id = :1
    and order_id is not null
  group by order_id, updated_at
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
