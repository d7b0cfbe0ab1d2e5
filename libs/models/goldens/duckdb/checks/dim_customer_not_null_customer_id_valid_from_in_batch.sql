-- check_not_null_key for the rows this run wrote.
select count(*) as failing_rows
from curated.dim_customer
where _run_id = $1
  and (customer_id is null or valid_from is null);
-- binds:
--   1: "hourly-20261129T10"
