-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select satisfaction_rating_id, count(*) as copies
  from staging.stg_zendesk__satisfaction_ratings
  where satisfaction_rating_id in (select satisfaction_rating_id from staging.stg_zendesk__satisfaction_ratings where _run_id = $1)
  group by satisfaction_rating_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
