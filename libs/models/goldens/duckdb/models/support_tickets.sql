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
where not is_deleted;
