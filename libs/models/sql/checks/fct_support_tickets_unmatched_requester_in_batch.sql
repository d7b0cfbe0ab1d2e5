-- name:       fct_support_tickets_unmatched_requester_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: fct_support_tickets
-- table:      curated.fct_support_tickets
-- severity:   warn
-- scope:      batch

-- fct_support_tickets_unmatched_requester for the tickets this run merged.
select count(*) as failing_rows
from curated.fct_support_tickets
where _run_id = :run_id
  and customer_sk is null
  and not is_deleted
