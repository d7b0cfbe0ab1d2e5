-- name:       dim_customer_duplicate_version_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      batch

-- The customer versions this run merged appear once each
-- (dim_customer_duplicate_version, nightly, checks every version).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_sk, count(*) as copies
  from curated.dim_customer
  where customer_sk in (select customer_sk from curated.dim_customer where _run_id = :run_id)
  group by customer_sk
  having count(*) > 1
) as duplicated
