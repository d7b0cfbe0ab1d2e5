-- name:       dim_date_duplicate_date
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_date
-- table:      curated.dim_date
-- severity:   error
-- scope:      table

-- One row per day, or every fact joined on date_key double counts.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select date_key, count(*) as copies
  from curated.dim_date
  group by date_key
  having count(*) > 1
) as duplicated
