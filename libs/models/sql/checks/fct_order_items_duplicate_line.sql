-- name:       fct_order_items_duplicate_line
-- grain:      one result per run
-- keys:       none
-- depends-on: fct_order_items
-- table:      curated.fct_order_items
-- severity:   error
-- scope:      table

-- fct_order_items promises one row per order line: a duplicate breaks every sum built on it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_item_id, count(*) as copies
  from curated.fct_order_items
  group by order_item_id
  having count(*) > 1
) as duplicated
