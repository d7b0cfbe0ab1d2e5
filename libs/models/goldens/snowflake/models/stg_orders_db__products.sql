create table if not exists staging.stg_orders_db__products (
  product_id number(38, 0) not null,
  sku varchar,
  product_name varchar,
  category varchar,
  unit_price number(12, 2),
  currency_code varchar,
  is_active boolean,
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
  'orders_db',
  'products',
  _source_file,
  _row_number,
  'product_id is null: the business key is missing',
  to_json(object_construct_keep_null(raw_row.*)),
  :1
from raw.orders_db__products as raw_row
where product_id is null
  and _loaded_at > :2
  and _loaded_at <= :3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_orders_db__products as target
using (
  with batch as (
    select *
    from raw.orders_db__products
    where _loaded_at > :1
      and _loaded_at <= :2
      and product_id is not null
  ),

  renamed as (
    select
      product_id,
      sku,
      name as product_name,
      category,
      unit_price,
      upper(currency) as currency_code,
      is_active,
      created_at,
      updated_at,
      md5(coalesce(cast(length(cast(sku as varchar)) as varchar) || ':' || cast(sku as varchar), '~') || coalesce(cast(length(cast(name as varchar)) as varchar) || ':' || cast(name as varchar), '~') || coalesce(cast(length(cast(category as varchar)) as varchar) || ':' || cast(category as varchar), '~') || coalesce(cast(length(cast(unit_price as varchar)) as varchar) || ':' || cast(unit_price as varchar), '~') || coalesce(cast(length(cast(currency as varchar)) as varchar) || ':' || cast(currency as varchar), '~') || coalesce(cast(length(cast(is_active as varchar)) as varchar) || ':' || cast(is_active as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~')) as _row_hash,
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
      partition by product_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.product_id = source.product_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  sku = source.sku,
  product_name = source.product_name,
  category = source.category,
  unit_price = source.unit_price,
  currency_code = source.currency_code,
  is_active = source.is_active,
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
  product_id, sku, product_name, category, unit_price, currency_code, is_active, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.product_id, source.sku, source.product_name, source.category, source.unit_price, source.currency_code, source.is_active, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
