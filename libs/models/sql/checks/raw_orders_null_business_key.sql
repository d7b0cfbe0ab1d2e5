-- name:       raw_orders_null_business_key
-- grain:      one result per run
-- keys:       none
-- depends-on: raw.orders_db__orders
-- table:      raw.orders_db__orders
-- severity:   warn
-- scope:      batch

-- Orders rows landed by this run without an order_id. They are quarantined
-- by staging, not lost; a count above zero is a source defect to report.
select count(*) as failing_rows
from raw.orders_db__orders
where _run_id = :run_id
  and order_id is null
