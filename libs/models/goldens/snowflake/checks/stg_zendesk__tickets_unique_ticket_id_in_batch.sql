-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select ticket_id, count(*) as copies
  from staging.stg_zendesk__tickets
  where ticket_id in (select ticket_id from staging.stg_zendesk__tickets where _run_id = :1)
  group by ticket_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
