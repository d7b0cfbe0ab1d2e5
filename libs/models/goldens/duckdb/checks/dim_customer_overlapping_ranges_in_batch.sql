-- dim_customer_overlapping_ranges for the customers this run merged: all the
-- versions of each (not only the merged ones), so a gap or an overlap next to
-- a merged version is seen.
select count(*) as failing_rows
from (
  select
    valid_from,
    valid_to,
    lead(valid_from) over (partition by customer_id order by valid_from) as next_valid_from
  from curated.dim_customer
  where customer_id in (select customer_id from curated.dim_customer where _run_id = $1)
) as ranged
where (next_valid_from is not null and (valid_to is null or valid_to <> next_valid_from))
  or (valid_to is not null and valid_to <= valid_from);
-- binds:
--   1: "hourly-20261129T10"
