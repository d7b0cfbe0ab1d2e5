-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select ticket_event_id, count(*) as copies
  from curated.fct_support_interactions
  where ticket_event_id in (select ticket_event_id from curated.fct_support_interactions where _run_id = $1)
  group by ticket_event_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
