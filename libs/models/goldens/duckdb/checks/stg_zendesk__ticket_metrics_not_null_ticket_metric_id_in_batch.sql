-- check_not_null_key for the rows this run wrote.
select count(*) as failing_rows
from staging.stg_zendesk__ticket_metrics
where _run_id = $1
  and ticket_metric_id is null;
-- binds:
--   1: "hourly-20261129T10"
