-- name:       dim_customer_overlapping_ranges
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_customer
-- table:      curated.dim_customer
-- severity:   error
-- scope:      table

-- A customer's versions tile time: each ends exactly where the next begins and
-- none is empty. An overlap would give an order two customer versions, a gap none.
select count(*) as failing_rows
from (
  select
    valid_from,
    valid_to,
    lead(valid_from) over (partition by customer_id order by valid_from) as next_valid_from
  from curated.dim_customer
) as ranged
where (next_valid_from is not null and (valid_to is null or valid_to <> next_valid_from))
  or (valid_to is not null and valid_to <= valid_from)
