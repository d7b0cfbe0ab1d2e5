create or replace view analytics.support_interactions as
select
  interactions.interaction_sk as interaction_key,
  interactions.ticket_sk as ticket_key,
  interactions.ticket_id,
  interactions.interaction_type,
  interactions.author_role,
  interactions.channel,
  interactions.field_value as new_value,
  interactions.previous_value,
  interactions.occurred_at,
  interactions.minutes_since_previous,
  interactions.customer_sk as customer_key
from curated.fct_support_interactions as interactions
where not exists (
  select 1
  from curated.fct_support_tickets as tickets
  where tickets.ticket_id = interactions.ticket_id
    and tickets.is_deleted
);
