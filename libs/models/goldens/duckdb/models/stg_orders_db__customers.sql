create table if not exists staging.stg_orders_db__customers (
  customer_id bigint not null,
  email varchar,
  first_name varchar,
  last_name varchar,
  phone varchar,
  country_code varchar,
  created_at timestamptz,
  updated_at timestamptz,
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
  'orders_db',
  'customers',
  _source_file,
  _row_number,
  'customer_id is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.orders_db__customers as raw_row
where customer_id is null
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_orders_db__customers as target
using (
  with batch as (
    select *
    from raw.orders_db__customers
    where _loaded_at > $1
      and _loaded_at <= $2
      and customer_id is not null
  ),

  renamed as (
    select
      customer_id,
      email,
      first_name,
      last_name,
      phone,
      upper(country) as country_code,
      created_at,
      updated_at,
      md5(coalesce(cast(length(cast(email as varchar)) as varchar) || ':' || cast(email as varchar), '~') || coalesce(cast(length(cast(first_name as varchar)) as varchar) || ':' || cast(first_name as varchar), '~') || coalesce(cast(length(cast(last_name as varchar)) as varchar) || ':' || cast(last_name as varchar), '~') || coalesce(cast(length(cast(phone as varchar)) as varchar) || ':' || cast(phone as varchar), '~') || coalesce(cast(length(cast(country as varchar)) as varchar) || ':' || cast(country as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~')) as _row_hash,
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
      partition by customer_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.customer_id = source.customer_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  email = source.email,
  first_name = source.first_name,
  last_name = source.last_name,
  phone = source.phone,
  country_code = source.country_code,
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
  _staged_at = $4
when not matched then insert (
  customer_id, email, first_name, last_name, phone, country_code, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.customer_id, source.email, source.first_name, source.last_name, source.phone, source.country_code, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
