-- name:       dim_customer_one_current_version_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      batch

-- dim_customer_one_current_version for the customers this run merged: each
-- still has exactly one current version.
select count(*) as failing_rows
from (
  select customer_id
  from curated.dim_customer
  where customer_id in (select customer_id from curated.dim_customer where _run_id = :run_id)
  group by customer_id
  having sum(case when is_current then 1 else 0 end) <> 1
    or sum(case when valid_to is null then 1 else 0 end) <> 1
) as broken
