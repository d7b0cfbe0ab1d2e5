-- check_not_null_key for the rows this run wrote.
select count(*) as failing_rows
from curated.fct_order_shipment_times
where _run_id = :1
  and order_id is null;
-- binds:
--   1: "hourly-20261129T10"
