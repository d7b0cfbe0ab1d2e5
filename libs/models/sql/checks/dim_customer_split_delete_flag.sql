-- name:       dim_customer_split_delete_flag
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      table

-- A hard delete belongs to the customer, not to a version: all of a customer's
-- versions carry the same is_deleted and deleted_at, a deleted row has a
-- deleted_at and only a deleted one does, and an inferred member (never
-- landed, so never in a key set) is never deleted. A split flag would make a
-- filter on is_deleted keep half a customer's history.
select count(*) as failing_rows
from (
  select customer_id
  from curated.dim_customer
  group by customer_id
  having count(distinct is_deleted) > 1
    or count(distinct deleted_at) > 1
    or sum(case when is_deleted <> (deleted_at is not null) or (is_deleted and is_inferred) then 1 else 0 end) > 0
) as split
