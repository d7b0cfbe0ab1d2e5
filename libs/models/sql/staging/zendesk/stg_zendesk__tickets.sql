-- name:       stg_zendesk__tickets
-- grain:      one row per ticket: the latest version by updated_at, then generated time, then extraction time, then file and row
-- keys:       ticket_id
-- depends-on: raw.zendesk__tickets
-- tracks:     raw.zendesk__tickets._loaded_at

-- Written out rather than on templates/staging_model.sql, whose dedup and
-- delete flags this entity cannot use (it needs the generated time and status).
-- The export sends a ticket again whenever it changes, and a page boundary or
-- a system update (generated time moves, updated_at does not) repeats it:
-- updated_at decides, then the generated time. A deleted ticket comes with
-- status 'deleted' and becomes the delete flag, dated by its last change.

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
  due_at {{ ts_type() }},
  created_at {{ ts_type() }},
  updated_at {{ ts_type() }},
  generated_at {{ ts_type() }},
  is_deleted boolean not null,
  deleted_at {{ ts_type() }},
  _row_hash varchar not null,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at {{ ts_type() }} not null,
  _loaded_at {{ ts_type() }} not null,
  _staged_at {{ ts_type() }} not null
);

insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
select
  _run_id,
  'zendesk',
  'tickets',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  {{ row_json(raw_tickets) }},
  :now
from raw.zendesk__tickets as raw_tickets
where id is null
  and _loaded_at > :processed_through
  and _loaded_at <= :batch_end;

merge into staging.stg_zendesk__tickets as target
using (
  with batch as (
    select *
    from raw.zendesk__tickets
    where _loaded_at > :processed_through
      and _loaded_at <= :batch_end
      and id is not null
  ),

  -- JSON columns as text first: staging keeps them as varchar, and the row hash reads text.
  with_json_text as (
    select
      batch.*,
      {{ json_text(tags) }} as tags_text,
      {{ json_text(custom_fields) }} as custom_fields_text
    from batch
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
      tags_text as tags,
      custom_fields_text as custom_fields,
      -- The order-number field first, else an external id that is an order number.
      coalesce(try_cast(order_field_value as bigint), try_cast(external_id as bigint)) as order_id,
      due_at,
      created_at,
      updated_at,
      generated_timestamp as generated_at,
      status = 'deleted' as is_deleted,
      case when status = 'deleted' then updated_at end as deleted_at,
      {{ hash_key(external_id, requester_id, submitter_id, assignee_id, organization_id, group_id, brand_id, subject, status, priority, type, via_channel, tags_text, custom_fields_text, order_field_value, due_at, created_at, updated_at) }} as _row_hash,
      _run_id,
      _source_file,
      _row_number,
      _extracted_at,
      _loaded_at
    from with_json_text
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
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
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
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = :now
when not matched then insert (
  ticket_id, external_id, requester_id, submitter_id, assignee_id, organization_id, group_id, brand_id, subject, status, priority,
  ticket_type, channel, tags, custom_fields, order_id, due_at, created_at, updated_at, generated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.ticket_id, source.external_id, source.requester_id, source.submitter_id, source.assignee_id, source.organization_id, source.group_id, source.brand_id, source.subject, source.status, source.priority,
  source.ticket_type, source.channel, source.tags, source.custom_fields, source.order_id, source.due_at, source.created_at, source.updated_at, source.generated_at, source.is_deleted, source.deleted_at,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :now
);
