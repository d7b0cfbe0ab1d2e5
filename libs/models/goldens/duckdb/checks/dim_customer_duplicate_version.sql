-- customer_sk names one customer version; a duplicate would fan out every fact joined on it.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_sk, count(*) as copies
  from curated.dim_customer
  group by customer_sk
  having count(*) > 1
) as duplicated;
