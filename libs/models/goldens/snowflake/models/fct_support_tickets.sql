create table if not exists curated.fct_support_tickets (
  ticket_sk varchar not null,
  ticket_id bigint not null,
  requester_id bigint,
  customer_id bigint,
  customer_sk varchar,
  customer_match varchar,
  order_id bigint,
  order_sk varchar,
  status varchar,
  channel varchar,
  priority varchar,
  ticket_type varchar,
  tags varchar,
  ticket_created_at timestamp_tz,
  solved_at timestamp_tz,
  first_reply_calendar_minutes bigint,
  first_reply_business_minutes bigint,
  full_resolution_calendar_minutes bigint,
  full_resolution_business_minutes bigint,
  reopens bigint,
  replies bigint,
  satisfaction_score varchar,
  is_deleted boolean not null,
  source_updated_at timestamp_tz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamp_tz not null
);

merge into curated.fct_support_tickets as target
using (
  with restaged_customers as (
    select customer_id, email
    from curated.dim_customer
    where _merged_at > :1
      and _merged_at <= :2
  ),

  changed_requesters as (
    select user_id
    from staging.stg_zendesk__users
    where _staged_at > :1
      and _staged_at <= :2
    union
    select user_id
    from staging.stg_zendesk__users
    where try_cast(external_id as bigint) in (select customer_id from restaged_customers)
      or email in (select email from restaged_customers)
  ),

  changed_ids as (
    select ticket_id from staging.stg_zendesk__tickets where _staged_at > :1 and _staged_at <= :2
    union
    select ticket_id from staging.stg_zendesk__ticket_metrics where _staged_at > :1 and _staged_at <= :2
    union
    select ticket_id from staging.stg_zendesk__satisfaction_ratings where _staged_at > :1 and _staged_at <= :2
    union
    select ticket_id from staging.stg_zendesk__tickets where requester_id in (select user_id from changed_requesters)
  ),

  changed_tickets as (
    select *
    from staging.stg_zendesk__tickets
    where ticket_id in (select ticket_id from changed_ids)
  ),

  requesters as (
    select user_id, email, try_cast(external_id as bigint) as external_customer_id
    from staging.stg_zendesk__users
    where user_id in (select requester_id from changed_tickets)
  ),

  -- Both ways a requester can be a customer, each with the versions still
  -- open at the ticket's creation; external_id wins over email.
  candidates as (
    select changed_tickets.ticket_id, dim_customer.customer_id, dim_customer.customer_sk, dim_customer.valid_from, 1 as match_rank, 'external_id' as customer_match
    from changed_tickets
    join requesters on requesters.user_id = changed_tickets.requester_id
    join curated.dim_customer on dim_customer.customer_id = requesters.external_customer_id
    where coalesce(changed_tickets.created_at, to_timestamp_tz('9999-12-30 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM')) < coalesce(dim_customer.valid_to, to_timestamp_tz('9999-12-31 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM'))
    union all
    select changed_tickets.ticket_id, dim_customer.customer_id, dim_customer.customer_sk, dim_customer.valid_from, 2 as match_rank, 'email' as customer_match
    from changed_tickets
    join requesters on requesters.user_id = changed_tickets.requester_id
    join curated.dim_customer on dim_customer.email = requesters.email
    where coalesce(changed_tickets.created_at, to_timestamp_tz('9999-12-30 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM')) < coalesce(dim_customer.valid_to, to_timestamp_tz('9999-12-31 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM'))
  ),

  -- versions do not overlap: the earliest one still open at creation is the one valid then
  matched as (
    select ticket_id, customer_id, customer_sk, customer_match
    from candidates
    qualify row_number() over (partition by ticket_id order by match_rank, valid_from) = 1
  ),

  latest_rating as (
    select ticket_id, score
    from staging.stg_zendesk__satisfaction_ratings
    where ticket_id in (select ticket_id from changed_tickets)
    qualify row_number() over (partition by ticket_id order by updated_at desc, satisfaction_rating_id desc) = 1
  ),

  metrics as (
    select *
    from staging.stg_zendesk__ticket_metrics
    where ticket_id in (select ticket_id from changed_tickets)
    qualify row_number() over (partition by ticket_id order by updated_at desc, ticket_metric_id desc) = 1
  ),

  joined as (
    select
      changed_tickets.*,
      matched.customer_id,
      matched.customer_sk,
      matched.customer_match,
      metrics.solved_at,
      metrics.first_reply_calendar_minutes,
      metrics.first_reply_business_minutes,
      metrics.full_resolution_calendar_minutes,
      metrics.full_resolution_business_minutes,
      metrics.reopens,
      metrics.replies,
      latest_rating.score as satisfaction_score
    from changed_tickets
    left join matched on matched.ticket_id = changed_tickets.ticket_id
    left join metrics on metrics.ticket_id = changed_tickets.ticket_id
    left join latest_rating on latest_rating.ticket_id = changed_tickets.ticket_id
  ),

  final as (
    select
      md5(coalesce(cast(length(cast(ticket_id as varchar)) as varchar) || ':' || cast(ticket_id as varchar), '~')) as ticket_sk,
      ticket_id,
      requester_id,
      customer_id,
      customer_sk,
      customer_match,
      order_id,
      case when order_id is not null then md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~')) end as order_sk,
      status,
      channel,
      priority,
      ticket_type,
      tags,
      created_at as ticket_created_at,
      solved_at,
      first_reply_calendar_minutes,
      first_reply_business_minutes,
      full_resolution_calendar_minutes,
      full_resolution_business_minutes,
      reopens,
      replies,
      satisfaction_score,
      is_deleted,
      updated_at as source_updated_at,
      md5(coalesce(cast(length(cast(_row_hash as varchar)) as varchar) || ':' || cast(_row_hash as varchar), '~') || coalesce(cast(length(cast(customer_sk as varchar)) as varchar) || ':' || cast(customer_sk as varchar), '~') || coalesce(cast(length(cast(customer_match as varchar)) as varchar) || ':' || cast(customer_match as varchar), '~') || coalesce(cast(length(cast(solved_at as varchar)) as varchar) || ':' || cast(solved_at as varchar), '~') || coalesce(cast(length(cast(first_reply_calendar_minutes as varchar)) as varchar) || ':' || cast(first_reply_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(first_reply_business_minutes as varchar)) as varchar) || ':' || cast(first_reply_business_minutes as varchar), '~') || coalesce(cast(length(cast(full_resolution_calendar_minutes as varchar)) as varchar) || ':' || cast(full_resolution_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(full_resolution_business_minutes as varchar)) as varchar) || ':' || cast(full_resolution_business_minutes as varchar), '~') || coalesce(cast(length(cast(reopens as varchar)) as varchar) || ':' || cast(reopens as varchar), '~') || coalesce(cast(length(cast(replies as varchar)) as varchar) || ':' || cast(replies as varchar), '~') || coalesce(cast(length(cast(satisfaction_score as varchar)) as varchar) || ':' || cast(satisfaction_score as varchar), '~')) as _row_hash,
      :3 as _run_id
    from joined
  )

  select * from final
) as source
on target.ticket_id = source.ticket_id
when matched and source._row_hash <> target._row_hash then update set
  requester_id = source.requester_id,
  customer_id = source.customer_id,
  customer_sk = source.customer_sk,
  customer_match = source.customer_match,
  order_id = source.order_id,
  order_sk = source.order_sk,
  status = source.status,
  channel = source.channel,
  priority = source.priority,
  ticket_type = source.ticket_type,
  tags = source.tags,
  ticket_created_at = source.ticket_created_at,
  solved_at = source.solved_at,
  first_reply_calendar_minutes = source.first_reply_calendar_minutes,
  first_reply_business_minutes = source.first_reply_business_minutes,
  full_resolution_calendar_minutes = source.full_resolution_calendar_minutes,
  full_resolution_business_minutes = source.full_resolution_business_minutes,
  reopens = source.reopens,
  replies = source.replies,
  satisfaction_score = source.satisfaction_score,
  is_deleted = source.is_deleted,
  source_updated_at = source.source_updated_at,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = :4
when not matched then insert (
  ticket_sk, ticket_id, requester_id, customer_id, customer_sk, customer_match, order_id, order_sk, status, channel, priority, ticket_type, tags,
  ticket_created_at, solved_at, first_reply_calendar_minutes, first_reply_business_minutes, full_resolution_calendar_minutes, full_resolution_business_minutes,
  reopens, replies, satisfaction_score, is_deleted, source_updated_at, _row_hash, _run_id, _merged_at
) values (
  source.ticket_sk, source.ticket_id, source.requester_id, source.customer_id, source.customer_sk, source.customer_match, source.order_id, source.order_sk, source.status, source.channel, source.priority, source.ticket_type, source.tags,
  source.ticket_created_at, source.solved_at, source.first_reply_calendar_minutes, source.first_reply_business_minutes, source.full_resolution_calendar_minutes, source.full_resolution_business_minutes,
  source.reopens, source.replies, source.satisfaction_score, source.is_deleted, source.source_updated_at, source._row_hash, source._run_id, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
