create table if not exists staging.stg_zendesk__ticket_events (
  ticket_event_id bigint not null,
  audit_id bigint,
  ticket_id bigint,
  updater_id bigint,
  via varchar,
  event_type varchar,
  is_public_comment boolean,
  field_name varchar,
  field_value varchar,
  previous_value varchar,
  created_at timestamptz,
  is_deleted boolean not null,
  deleted_at timestamptz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null,
  _staged_at timestamptz not null
);

insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
select
  _run_id,
  'zendesk',
  'ticket_events',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.zendesk__ticket_events as raw_row
where id is null
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_zendesk__ticket_events as target
using (
  with batch as (
    select *
    from raw.zendesk__ticket_events
    where _loaded_at > $1
      and _loaded_at <= $2
      and id is not null
  ),

  renamed as (
    select
      id as ticket_event_id,
      audit_id,
      ticket_id,
      updater_id,
      via,
      event_type,
      comment_public as is_public_comment,
      field_name,
      value as field_value,
      previous_value,
      created_at,
      md5(coalesce(cast(length(cast(audit_id as varchar)) as varchar) || ':' || cast(audit_id as varchar), '~') || coalesce(cast(length(cast(ticket_id as varchar)) as varchar) || ':' || cast(ticket_id as varchar), '~') || coalesce(cast(length(cast(updater_id as varchar)) as varchar) || ':' || cast(updater_id as varchar), '~') || coalesce(cast(length(cast(via as varchar)) as varchar) || ':' || cast(via as varchar), '~') || coalesce(cast(length(cast(event_type as varchar)) as varchar) || ':' || cast(event_type as varchar), '~') || coalesce(cast(length(cast(comment_public as varchar)) as varchar) || ':' || cast(comment_public as varchar), '~') || coalesce(cast(length(cast(field_name as varchar)) as varchar) || ':' || cast(field_name as varchar), '~') || coalesce(cast(length(cast(value as varchar)) as varchar) || ':' || cast(value as varchar), '~') || coalesce(cast(length(cast(previous_value as varchar)) as varchar) || ':' || cast(previous_value as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~')) as _row_hash,
      $3 as _run_id,
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
      partition by ticket_event_id
      order by created_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.ticket_event_id = source.ticket_event_id
when matched and (
  source.created_at > target.created_at
  or (source.created_at = target.created_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  audit_id = source.audit_id,
  ticket_id = source.ticket_id,
  updater_id = source.updater_id,
  via = source.via,
  event_type = source.event_type,
  is_public_comment = source.is_public_comment,
  field_name = source.field_name,
  field_value = source.field_value,
  previous_value = source.previous_value,
  created_at = source.created_at,
  is_deleted = case when source.created_at > target.deleted_at then false else target.is_deleted end,
  deleted_at = case when source.created_at > target.deleted_at then null else target.deleted_at end,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = $4
when not matched then insert (
  ticket_event_id, audit_id, ticket_id, updater_id, via, event_type, is_public_comment, field_name, field_value, previous_value, created_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.ticket_event_id, source.audit_id, source.ticket_id, source.updater_id, source.via, source.event_type, source.is_public_comment, source.field_name, source.field_value, source.previous_value, source.created_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
