-- fct_support_tickets_unmatched_requester for the tickets this run merged.
select count(*) as failing_rows
from curated.fct_support_tickets
where _run_id = :1
  and customer_sk is null
  and not is_deleted;
-- binds:
--   1: "hourly-20261129T10"
