-- The orders this run merged appear once each (fct_orders_duplicate_order,
-- nightly, checks every order): a copy, old or new, breaks every sum built on it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, count(*) as copies
  from curated.fct_orders
  where order_id in (select order_id from curated.fct_orders where _run_id = :1)
  group by order_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
