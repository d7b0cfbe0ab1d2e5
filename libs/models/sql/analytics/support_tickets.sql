-- name:       support_tickets
-- grain:      one row per ticket not deleted in Zendesk
-- keys:       ticket_key = curated.fct_support_tickets.ticket_sk; ticket_id unique
-- depends-on: fct_support_tickets
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for support tickets; the columns are a kept contract
-- (libs/contracts/src/analytics-contracts.ts). customer_key is null for a
-- requester who is no customer; order_key joins analytics.orders.

create or replace view analytics.support_tickets as
select
  ticket_sk as ticket_key,
  ticket_id,
  customer_sk as customer_key,
  customer_id,
  customer_match,
  order_sk as order_key,
  order_id,
  status,
  channel,
  priority,
  ticket_type,
  tags,
  ticket_created_at as opened_at,
  solved_at,
  first_reply_calendar_minutes,
  first_reply_business_minutes,
  full_resolution_calendar_minutes,
  full_resolution_business_minutes,
  reopens,
  replies,
  satisfaction_score,
  source_updated_at as last_updated_at
from curated.fct_support_tickets
where not is_deleted
