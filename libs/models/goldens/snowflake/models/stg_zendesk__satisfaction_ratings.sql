create table if not exists staging.stg_zendesk__satisfaction_ratings (
  satisfaction_rating_id number(38, 0) not null,
  ticket_id number(38, 0),
  requester_id number(38, 0),
  assignee_id number(38, 0),
  group_id number(38, 0),
  score varchar,
  comment varchar,
  reason varchar,
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
  'satisfaction_ratings',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  to_json(object_construct_keep_null(raw_row.*)),
  :1
from raw.zendesk__satisfaction_ratings as raw_row
where id is null
  and _loaded_at > :2
  and _loaded_at <= :3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_zendesk__satisfaction_ratings as target
using (
  with batch as (
    select *
    from raw.zendesk__satisfaction_ratings
    where _loaded_at > :1
      and _loaded_at <= :2
      and id is not null
  ),

  renamed as (
    select
      id as satisfaction_rating_id,
      ticket_id,
      requester_id,
      assignee_id,
      group_id,
      score,
      comment,
      reason,
      created_at,
      updated_at,
      md5(coalesce(cast(length(cast(ticket_id as varchar)) as varchar) || ':' || cast(ticket_id as varchar), '~') || coalesce(cast(length(cast(requester_id as varchar)) as varchar) || ':' || cast(requester_id as varchar), '~') || coalesce(cast(length(cast(assignee_id as varchar)) as varchar) || ':' || cast(assignee_id as varchar), '~') || coalesce(cast(length(cast(group_id as varchar)) as varchar) || ':' || cast(group_id as varchar), '~') || coalesce(cast(length(cast(score as varchar)) as varchar) || ':' || cast(score as varchar), '~') || coalesce(cast(length(cast(comment as varchar)) as varchar) || ':' || cast(comment as varchar), '~') || coalesce(cast(length(cast(reason as varchar)) as varchar) || ':' || cast(reason as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~')) as _row_hash,
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
      partition by satisfaction_rating_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.satisfaction_rating_id = source.satisfaction_rating_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  ticket_id = source.ticket_id,
  requester_id = source.requester_id,
  assignee_id = source.assignee_id,
  group_id = source.group_id,
  score = source.score,
  comment = source.comment,
  reason = source.reason,
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
  satisfaction_rating_id, ticket_id, requester_id, assignee_id, group_id, score, comment, reason, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.satisfaction_rating_id, source.ticket_id, source.requester_id, source.assignee_id, source.group_id, source.score, source.comment, source.reason, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
