-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, count(*) as copies
  from curated.fct_order_shipment_times
  where order_id in (select order_id from curated.fct_order_shipment_times where _run_id = :1)
  group by order_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
