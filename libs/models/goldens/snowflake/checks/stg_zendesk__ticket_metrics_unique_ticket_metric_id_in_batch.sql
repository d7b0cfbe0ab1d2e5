-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select ticket_metric_id, count(*) as copies
  from staging.stg_zendesk__ticket_metrics
  where ticket_metric_id in (select ticket_metric_id from staging.stg_zendesk__ticket_metrics where _run_id = :1)
  group by ticket_metric_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
