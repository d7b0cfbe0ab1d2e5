-- name:       fct_support_interactions
-- grain:      one row per interaction on a ticket: a public or private comment, a status, priority or assignee change, a satisfaction rating
-- keys:       interaction_sk = hash_key(ticket_event_id); ticket_event_id unique
-- depends-on: stg_zendesk__ticket_events, stg_zendesk__tickets, stg_zendesk__users, fct_support_tickets
-- tracks:     staging.stg_zendesk__ticket_events._staged_at, curated.fct_support_tickets._merged_at

-- Fields set when a ticket is created (event_type Create) are the ticket's
-- state, not an interaction; the opening comment is one. author_role: system
-- for Zendesk itself (updater -1), end_user for the requester or any end user,
-- agent for agents and admins (and any other updater: only staff change
-- tickets they did not request). minutes_since_previous is counted within the
-- ticket, from every interaction, so a ticket's events are re-read together
-- whenever one of them lands. customer_sk is the ticket's (fct_support_tickets).

create table if not exists curated.fct_support_interactions (
  interaction_sk varchar not null,
  ticket_event_id bigint not null,
  audit_id bigint,
  ticket_id bigint not null,
  ticket_sk varchar not null,
  interaction_type varchar not null,
  author_id bigint,
  author_role varchar not null,
  channel varchar,
  field_value varchar,
  previous_value varchar,
  occurred_at {{ ts_type() }},
  minutes_since_previous bigint,
  customer_sk varchar,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
);

merge into curated.fct_support_interactions as target
using (
  with changed_tickets as (
    select ticket_id
    from staging.stg_zendesk__ticket_events
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
    union
    select ticket_id
    from curated.fct_support_tickets
    where _merged_at > :processed_through
      and _merged_at <= :batch_end
  ),

  interactions as (
    select
      *,
      case
        when event_type = 'Comment' and is_public_comment then 'public_comment'
        when event_type = 'Comment' then 'private_comment'
        when event_type = 'SatisfactionRating' then 'satisfaction_rating'
        when field_name = 'status' then 'status_change'
        when field_name = 'priority' then 'priority_change'
        when field_name = 'assignee_id' then 'assignee_change'
      end as interaction_type
    from staging.stg_zendesk__ticket_events
    where ticket_id in (select ticket_id from changed_tickets)
      and (event_type in ('Comment', 'SatisfactionRating') or (event_type = 'Change' and field_name in ('status', 'priority', 'assignee_id')))
  ),

  with_author as (
    select
      interactions.*,
      case
        when interactions.updater_id = -1 then 'system'
        when users.role = 'end-user' or interactions.updater_id = tickets.requester_id then 'end_user'
        else 'agent'
      end as author_role,
      fct_support_tickets.ticket_sk,
      fct_support_tickets.customer_sk
    from interactions
    left join staging.stg_zendesk__users as users on users.user_id = interactions.updater_id
    left join staging.stg_zendesk__tickets as tickets on tickets.ticket_id = interactions.ticket_id
    left join curated.fct_support_tickets on fct_support_tickets.ticket_id = interactions.ticket_id
  ),

  with_previous as (
    select
      with_author.*,
      lag(created_at) over (partition by ticket_id order by created_at, ticket_event_id) as previous_at
    from with_author
  ),

  final as (
    select
      {{ hash_key(ticket_event_id) }} as interaction_sk,
      ticket_event_id,
      audit_id,
      ticket_id,
      coalesce(ticket_sk, {{ hash_key(ticket_id) }}) as ticket_sk,
      interaction_type,
      updater_id as author_id,
      author_role,
      via as channel,
      field_value,
      previous_value,
      created_at as occurred_at,
      datediff('minute', previous_at, created_at) as minutes_since_previous,
      customer_sk,
      {{ hash_key(audit_id, ticket_id, interaction_type, updater_id, author_role, via, field_value, previous_value, created_at, previous_at, customer_sk) }} as _row_hash,
      :run_id as _run_id
    from with_previous
  )

  select * from final
) as source
on target.ticket_event_id = source.ticket_event_id
when matched and source._row_hash <> target._row_hash then update set
  audit_id = source.audit_id,
  ticket_id = source.ticket_id,
  ticket_sk = source.ticket_sk,
  interaction_type = source.interaction_type,
  author_id = source.author_id,
  author_role = source.author_role,
  channel = source.channel,
  field_value = source.field_value,
  previous_value = source.previous_value,
  occurred_at = source.occurred_at,
  minutes_since_previous = source.minutes_since_previous,
  customer_sk = source.customer_sk,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = :now
when not matched then insert (
  interaction_sk, ticket_event_id, audit_id, ticket_id, ticket_sk, interaction_type, author_id, author_role, channel, field_value, previous_value,
  occurred_at, minutes_since_previous, customer_sk, _row_hash, _run_id, _merged_at
) values (
  source.interaction_sk, source.ticket_event_id, source.audit_id, source.ticket_id, source.ticket_sk, source.interaction_type, source.author_id, source.author_role, source.channel, source.field_value, source.previous_value,
  source.occurred_at, source.minutes_since_previous, source.customer_sk, source._row_hash, source._run_id, :now
);
