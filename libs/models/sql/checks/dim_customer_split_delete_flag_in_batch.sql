-- name:       dim_customer_split_delete_flag_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      batch

-- dim_customer_split_delete_flag for the customers this run merged: every
-- version of each carries the same delete flag.
select count(*) as failing_rows
from (
  select customer_id
  from curated.dim_customer
  where customer_id in (select customer_id from curated.dim_customer where _run_id = :run_id)
  group by customer_id
  having count(distinct is_deleted) > 1
    or count(distinct deleted_at) > 1
    or sum(case when is_deleted <> (deleted_at is not null) or (is_deleted and is_inferred) then 1 else 0 end) > 0
) as split
