-- fct_order_items_orphan_line for the lines this run merged: each belongs to
-- an order in fct_orders (a line may land an hour before its order: a warning).
select count(*) as failing_rows
from curated.fct_order_items as line
where line._run_id = $1
  and not exists (
    select 1
    from curated.fct_orders as parent
    where parent.order_id = line.order_id
  );
-- binds:
--   1: "hourly-20261129T10"
