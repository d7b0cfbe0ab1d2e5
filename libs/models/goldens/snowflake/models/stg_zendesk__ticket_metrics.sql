create table if not exists staging.stg_zendesk__ticket_metrics (
  ticket_metric_id number(38, 0) not null,
  ticket_id number(38, 0),
  reopens number(38, 0),
  replies number(38, 0),
  assignee_stations number(38, 0),
  group_stations number(38, 0),
  first_reply_calendar_minutes number(38, 0),
  first_reply_business_minutes number(38, 0),
  first_resolution_calendar_minutes number(38, 0),
  full_resolution_calendar_minutes number(38, 0),
  full_resolution_business_minutes number(38, 0),
  agent_wait_calendar_minutes number(38, 0),
  requester_wait_calendar_minutes number(38, 0),
  on_hold_calendar_minutes number(38, 0),
  assigned_at timestamp_tz,
  solved_at timestamp_tz,
  latest_comment_added_at timestamp_tz,
  created_at timestamp_tz,
  updated_at timestamp_tz,
  is_deleted boolean not null,
  deleted_at timestamp_tz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null,
  _staged_at timestamp_tz not null
);

insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
select
  _run_id,
  'zendesk',
  'ticket_metrics',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  to_json(object_construct_keep_null(raw_row.*)),
  :1
from raw.zendesk__ticket_metrics as raw_row
where id is null
  and _loaded_at > :2
  and _loaded_at <= :3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_zendesk__ticket_metrics as target
using (
  with batch as (
    select *
    from raw.zendesk__ticket_metrics
    where _loaded_at > :1
      and _loaded_at <= :2
      and id is not null
  ),

  renamed as (
    select
      id as ticket_metric_id,
      ticket_id,
      reopens,
      replies,
      assignee_stations,
      group_stations,
      reply_time_calendar_minutes as first_reply_calendar_minutes,
      reply_time_business_minutes as first_reply_business_minutes,
      first_resolution_time_calendar_minutes as first_resolution_calendar_minutes,
      full_resolution_time_calendar_minutes as full_resolution_calendar_minutes,
      full_resolution_time_business_minutes as full_resolution_business_minutes,
      agent_wait_time_calendar_minutes as agent_wait_calendar_minutes,
      requester_wait_time_calendar_minutes as requester_wait_calendar_minutes,
      on_hold_time_calendar_minutes as on_hold_calendar_minutes,
      assigned_at,
      solved_at,
      latest_comment_added_at,
      created_at,
      updated_at,
      md5(coalesce(cast(length(cast(ticket_id as varchar)) as varchar) || ':' || cast(ticket_id as varchar), '~') || coalesce(cast(length(cast(reopens as varchar)) as varchar) || ':' || cast(reopens as varchar), '~') || coalesce(cast(length(cast(replies as varchar)) as varchar) || ':' || cast(replies as varchar), '~') || coalesce(cast(length(cast(assignee_stations as varchar)) as varchar) || ':' || cast(assignee_stations as varchar), '~') || coalesce(cast(length(cast(group_stations as varchar)) as varchar) || ':' || cast(group_stations as varchar), '~') || coalesce(cast(length(cast(reply_time_calendar_minutes as varchar)) as varchar) || ':' || cast(reply_time_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(reply_time_business_minutes as varchar)) as varchar) || ':' || cast(reply_time_business_minutes as varchar), '~') || coalesce(cast(length(cast(first_resolution_time_calendar_minutes as varchar)) as varchar) || ':' || cast(first_resolution_time_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(full_resolution_time_calendar_minutes as varchar)) as varchar) || ':' || cast(full_resolution_time_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(full_resolution_time_business_minutes as varchar)) as varchar) || ':' || cast(full_resolution_time_business_minutes as varchar), '~') || coalesce(cast(length(cast(agent_wait_time_calendar_minutes as varchar)) as varchar) || ':' || cast(agent_wait_time_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(requester_wait_time_calendar_minutes as varchar)) as varchar) || ':' || cast(requester_wait_time_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(on_hold_time_calendar_minutes as varchar)) as varchar) || ':' || cast(on_hold_time_calendar_minutes as varchar), '~') || coalesce(cast(length(cast(assigned_at as varchar)) as varchar) || ':' || cast(assigned_at as varchar), '~') || coalesce(cast(length(cast(solved_at as varchar)) as varchar) || ':' || cast(solved_at as varchar), '~') || coalesce(cast(length(cast(latest_comment_added_at as varchar)) as varchar) || ':' || cast(latest_comment_added_at as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~')) as _row_hash,
      :3 as _run_id,
      _source_file,
      _row_number,
      _extracted_at,
      _loaded_at
    from batch
  ),

  final as (
    select *
    from renamed
    qualify row_number() over (
      partition by ticket_metric_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.ticket_metric_id = source.ticket_metric_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  ticket_id = source.ticket_id,
  reopens = source.reopens,
  replies = source.replies,
  assignee_stations = source.assignee_stations,
  group_stations = source.group_stations,
  first_reply_calendar_minutes = source.first_reply_calendar_minutes,
  first_reply_business_minutes = source.first_reply_business_minutes,
  first_resolution_calendar_minutes = source.first_resolution_calendar_minutes,
  full_resolution_calendar_minutes = source.full_resolution_calendar_minutes,
  full_resolution_business_minutes = source.full_resolution_business_minutes,
  agent_wait_calendar_minutes = source.agent_wait_calendar_minutes,
  requester_wait_calendar_minutes = source.requester_wait_calendar_minutes,
  on_hold_calendar_minutes = source.on_hold_calendar_minutes,
  assigned_at = source.assigned_at,
  solved_at = source.solved_at,
  latest_comment_added_at = source.latest_comment_added_at,
  created_at = source.created_at,
  updated_at = source.updated_at,
  is_deleted = case when source.updated_at > target.deleted_at then false else target.is_deleted end,
  deleted_at = case when source.updated_at > target.deleted_at then null else target.deleted_at end,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = :4
when not matched then insert (
  ticket_metric_id, ticket_id, reopens, replies, assignee_stations, group_stations, first_reply_calendar_minutes, first_reply_business_minutes, first_resolution_calendar_minutes, full_resolution_calendar_minutes, full_resolution_business_minutes, agent_wait_calendar_minutes, requester_wait_calendar_minutes, on_hold_calendar_minutes, assigned_at, solved_at, latest_comment_added_at, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.ticket_metric_id, source.ticket_id, source.reopens, source.replies, source.assignee_stations, source.group_stations, source.first_reply_calendar_minutes, source.first_reply_business_minutes, source.first_resolution_calendar_minutes, source.full_resolution_calendar_minutes, source.full_resolution_business_minutes, source.agent_wait_calendar_minutes, source.requester_wait_calendar_minutes, source.on_hold_calendar_minutes, source.assigned_at, source.solved_at, source.latest_comment_added_at, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
