-- name:       fct_orders_duplicate_order
-- grain:      one result per run
-- keys:       none
-- depends-on: fct_orders
-- table:      curated.fct_orders
-- severity:   error
-- scope:      table

-- fct_orders promises one row per order: any order_id seen twice breaks every sum built on it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, count(*) as copies
  from curated.fct_orders
  group by order_id
  having count(*) > 1
) as duplicated
