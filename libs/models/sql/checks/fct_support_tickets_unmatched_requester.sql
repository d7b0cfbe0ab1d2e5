-- name:       fct_support_tickets_unmatched_requester
-- grain:      one result per run
-- keys:       none
-- depends-on: fct_support_tickets
-- table:      curated.fct_support_tickets
-- severity:   warn
-- scope:      table

-- Tickets whose requester is no shop customer by external id or email: kept
-- with a null customer_sk (pre-sales questions, people writing from another
-- address), counted so a jump (a broken external_id feed, a mask key that
-- differs between the extractors) shows.
select count(*) as failing_rows
from curated.fct_support_tickets
where customer_sk is null
  and not is_deleted
