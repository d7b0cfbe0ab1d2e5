-- name:       fct_order_items_duplicate_line_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: fct_order_items
-- table:      curated.fct_order_items
-- severity:   error
-- scope:      batch

-- The order lines this run merged appear once each (fct_order_items_duplicate_line,
-- nightly, checks every line).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_item_id, count(*) as copies
  from curated.fct_order_items
  where order_item_id in (select order_item_id from curated.fct_order_items where _run_id = :run_id)
  group by order_item_id
  having count(*) > 1
) as duplicated
