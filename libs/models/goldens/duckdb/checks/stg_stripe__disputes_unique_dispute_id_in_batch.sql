-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select dispute_id, count(*) as copies
  from staging.stg_stripe__disputes
  where dispute_id in (select dispute_id from staging.stg_stripe__disputes where _run_id = $1)
  group by dispute_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
