-- Orders rows landed by this run without an order_id. They are quarantined
-- by staging, not lost; a count above zero is a source defect to report.
select count(*) as failing_rows
from raw.orders_db__orders
where _run_id = $1
  and order_id is null;
-- binds:
--   1: "hourly-20261129T10"
