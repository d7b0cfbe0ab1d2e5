-- The customer versions this run merged appear once each
-- (dim_customer_duplicate_version, nightly, checks every version).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_sk, count(*) as copies
  from curated.dim_customer
  where customer_sk in (select customer_sk from curated.dim_customer where _run_id = :1)
  group by customer_sk
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
