-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_id, valid_from, count(*) as copies
  from curated.dim_customer
  where (customer_id, valid_from) in (select customer_id, valid_from from curated.dim_customer where _run_id = $1)
  group by customer_id, valid_from
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
