create table if not exists staging.stg_zendesk__users (
  user_id number(38, 0) not null,
  email varchar,
  name varchar,
  phone varchar,
  external_id varchar,
  role varchar,
  organization_id number(38, 0),
  is_active boolean,
  is_suspended boolean,
  time_zone varchar,
  locale varchar,
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
  'users',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  to_json(object_construct_keep_null(raw_row.*)),
  :1
from raw.zendesk__users as raw_row
where id is null
  and _loaded_at > :2
  and _loaded_at <= :3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_zendesk__users as target
using (
  with batch as (
    select *
    from raw.zendesk__users
    where _loaded_at > :1
      and _loaded_at <= :2
      and id is not null
  ),

  renamed as (
    select
      id as user_id,
      email,
      name,
      phone,
      external_id,
      role,
      organization_id,
      active as is_active,
      suspended as is_suspended,
      time_zone,
      locale,
      created_at,
      updated_at,
      md5(coalesce(cast(length(cast(email as varchar)) as varchar) || ':' || cast(email as varchar), '~') || coalesce(cast(length(cast(name as varchar)) as varchar) || ':' || cast(name as varchar), '~') || coalesce(cast(length(cast(phone as varchar)) as varchar) || ':' || cast(phone as varchar), '~') || coalesce(cast(length(cast(external_id as varchar)) as varchar) || ':' || cast(external_id as varchar), '~') || coalesce(cast(length(cast(role as varchar)) as varchar) || ':' || cast(role as varchar), '~') || coalesce(cast(length(cast(organization_id as varchar)) as varchar) || ':' || cast(organization_id as varchar), '~') || coalesce(cast(length(cast(active as varchar)) as varchar) || ':' || cast(active as varchar), '~') || coalesce(cast(length(cast(suspended as varchar)) as varchar) || ':' || cast(suspended as varchar), '~') || coalesce(cast(length(cast(time_zone as varchar)) as varchar) || ':' || cast(time_zone as varchar), '~') || coalesce(cast(length(cast(locale as varchar)) as varchar) || ':' || cast(locale as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~')) as _row_hash,
      :3 as _run_id,
      _source_file,
      _row_number,
      _extracted_at,
      _loaded_at,
      coalesce(not active, false) as _deleted_in_record
    from batch
  ),

  final as (
    select *
    from renamed
    qualify row_number() over (
      partition by user_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.user_id = source.user_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  email = source.email,
  name = source.name,
  phone = source.phone,
  external_id = source.external_id,
  role = source.role,
  organization_id = source.organization_id,
  is_active = source.is_active,
  is_suspended = source.is_suspended,
  time_zone = source.time_zone,
  locale = source.locale,
  created_at = source.created_at,
  updated_at = source.updated_at,
  is_deleted = source._deleted_in_record,
  deleted_at = case when source._deleted_in_record then source.updated_at end,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = :4
when not matched then insert (
  user_id, email, name, phone, external_id, role, organization_id, is_active, is_suspended, time_zone, locale, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.user_id, source.email, source.name, source.phone, source.external_id, source.role, source.organization_id, source.is_active, source.is_suspended, source.time_zone, source.locale, source.created_at, source.updated_at, source._deleted_in_record, case when source._deleted_in_record then source.updated_at end,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
