-- dim_customer_one_current_version for the customers this run merged: each
-- still has exactly one current version.
select count(*) as failing_rows
from (
  select customer_id
  from curated.dim_customer
  where customer_id in (select customer_id from curated.dim_customer where _run_id = :1)
  group by customer_id
  having sum(case when is_current then 1 else 0 end) <> 1
    or sum(case when valid_to is null then 1 else 0 end) <> 1
) as broken;
-- binds:
--   1: "hourly-20261129T10"
