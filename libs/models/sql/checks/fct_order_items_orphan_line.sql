-- name:       fct_order_items_orphan_line
-- grain:      one result per run
-- keys:       none
-- depends-on: fct_order_items, fct_orders
-- table:      curated.fct_order_items
-- severity:   warn
-- scope:      table

-- Every line belongs to an order in fct_orders. Lines and orders are extracted
-- separately, so a line can land an hour before its order: a warning, and an
-- error only if it persists (the count should fall back to zero next run).
select count(*) as failing_rows
from curated.fct_order_items as line
where not exists (
  select 1
  from curated.fct_orders as parent
  where parent.order_id = line.order_id
)
