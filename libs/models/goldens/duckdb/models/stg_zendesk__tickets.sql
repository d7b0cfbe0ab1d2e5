create table if not exists staging.stg_zendesk__tickets (
  ticket_id bigint not null,
  external_id varchar,
  requester_id bigint,
  submitter_id bigint,
  assignee_id bigint,
  organization_id bigint,
  group_id bigint,
  brand_id bigint,
  subject varchar,
  status varchar,
  priority varchar,
  ticket_type varchar,
  channel varchar,
  tags varchar,
  custom_fields varchar,
  order_id bigint,
  due_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  generated_at timestamptz,
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
  'tickets',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.zendesk__tickets as raw_row
where id is null
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_zendesk__tickets as target
using (
  with batch as (
    select *
    from raw.zendesk__tickets
    where _loaded_at > $1
      and _loaded_at <= $2
      and id is not null
  ),

  renamed as (
    select
      id as ticket_id,
      external_id,
      requester_id,
      submitter_id,
      assignee_id,
      organization_id,
      group_id,
      brand_id,
      subject,
      status,
      priority,
      type as ticket_type,
      via_channel as channel,
      cast(cast(tags as varchar) as varchar) as tags,
      cast(cast(custom_fields as varchar) as varchar) as custom_fields,
      cast(coalesce(try_cast(order_field_value as bigint), try_cast(external_id as bigint)) as bigint) as order_id,
      due_at,
      created_at,
      updated_at,
      generated_timestamp as generated_at,
      md5(coalesce(cast(length(cast(external_id as varchar)) as varchar) || ':' || cast(external_id as varchar), '~') || coalesce(cast(length(cast(requester_id as varchar)) as varchar) || ':' || cast(requester_id as varchar), '~') || coalesce(cast(length(cast(submitter_id as varchar)) as varchar) || ':' || cast(submitter_id as varchar), '~') || coalesce(cast(length(cast(assignee_id as varchar)) as varchar) || ':' || cast(assignee_id as varchar), '~') || coalesce(cast(length(cast(organization_id as varchar)) as varchar) || ':' || cast(organization_id as varchar), '~') || coalesce(cast(length(cast(group_id as varchar)) as varchar) || ':' || cast(group_id as varchar), '~') || coalesce(cast(length(cast(brand_id as varchar)) as varchar) || ':' || cast(brand_id as varchar), '~') || coalesce(cast(length(cast(subject as varchar)) as varchar) || ':' || cast(subject as varchar), '~') || coalesce(cast(length(cast(status as varchar)) as varchar) || ':' || cast(status as varchar), '~') || coalesce(cast(length(cast(priority as varchar)) as varchar) || ':' || cast(priority as varchar), '~') || coalesce(cast(length(cast(type as varchar)) as varchar) || ':' || cast(type as varchar), '~') || coalesce(cast(length(cast(via_channel as varchar)) as varchar) || ':' || cast(via_channel as varchar), '~') || coalesce(cast(length(cast(tags as varchar)) as varchar) || ':' || cast(tags as varchar), '~') || coalesce(cast(length(cast(custom_fields as varchar)) as varchar) || ':' || cast(custom_fields as varchar), '~') || coalesce(cast(length(cast(order_field_value as varchar)) as varchar) || ':' || cast(order_field_value as varchar), '~') || coalesce(cast(length(cast(due_at as varchar)) as varchar) || ':' || cast(due_at as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~') || coalesce(cast(length(cast(generated_timestamp as varchar)) as varchar) || ':' || cast(generated_timestamp as varchar), '~')) as _row_hash,
      $3 as _run_id,
      _source_file,
      _row_number,
      _extracted_at,
      _loaded_at,
      coalesce(status = 'deleted', false) as _deleted_in_record
    from batch
  ),

  final as (
    select *
    from renamed
    qualify row_number() over (
      partition by ticket_id
      order by updated_at desc nulls last, generated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.ticket_id = source.ticket_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source.generated_at > target.generated_at)
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at and coalesce(source.generated_at >= target.generated_at, true))
) then update set
  external_id = source.external_id,
  requester_id = source.requester_id,
  submitter_id = source.submitter_id,
  assignee_id = source.assignee_id,
  organization_id = source.organization_id,
  group_id = source.group_id,
  brand_id = source.brand_id,
  subject = source.subject,
  status = source.status,
  priority = source.priority,
  ticket_type = source.ticket_type,
  channel = source.channel,
  tags = source.tags,
  custom_fields = source.custom_fields,
  order_id = source.order_id,
  due_at = source.due_at,
  created_at = source.created_at,
  updated_at = source.updated_at,
  generated_at = source.generated_at,
  is_deleted = source._deleted_in_record,
  deleted_at = case when source._deleted_in_record then source.updated_at end,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = $4
when not matched then insert (
  ticket_id, external_id, requester_id, submitter_id, assignee_id, organization_id, group_id, brand_id, subject, status, priority, ticket_type, channel, tags, custom_fields, order_id, due_at, created_at, updated_at, generated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.ticket_id, source.external_id, source.requester_id, source.submitter_id, source.assignee_id, source.organization_id, source.group_id, source.brand_id, source.subject, source.status, source.priority, source.ticket_type, source.channel, source.tags, source.custom_fields, source.order_id, source.due_at, source.created_at, source.updated_at, source.generated_at, source._deleted_in_record, case when source._deleted_in_record then source.updated_at end,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
