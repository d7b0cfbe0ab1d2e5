-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select product_id, count(*) as copies
  from curated.dim_product
  where product_id in (select product_id from curated.dim_product where _run_id = :1)
  group by product_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
