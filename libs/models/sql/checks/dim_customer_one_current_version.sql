-- name:       dim_customer_one_current_version
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      table

-- Every customer has exactly one current version (valid_to null, is_current);
-- none or two means "the customer now" is missing or ambiguous for BI.
select count(*) as failing_rows
from (
  select customer_id
  from curated.dim_customer
  group by customer_id
  having sum(case when is_current then 1 else 0 end) <> 1
    or sum(case when valid_to is null then 1 else 0 end) <> 1
) as broken
