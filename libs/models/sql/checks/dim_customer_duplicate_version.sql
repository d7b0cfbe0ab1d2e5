-- name:       dim_customer_duplicate_version
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      table

-- customer_sk names one customer version; a duplicate would fan out every fact joined on it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_sk, count(*) as copies
  from curated.dim_customer
  group by customer_sk
  having count(*) > 1
) as duplicated
