create table if not exists curated.dim_product (
  product_sk varchar not null,
  product_id bigint not null,
  sku varchar,
  product_name varchar,
  category varchar,
  unit_price decimal(12, 2),
  currency_code varchar,
  is_active boolean,
  is_inferred boolean not null,
  is_deleted boolean not null,
  deleted_at timestamp_tz,
  source_updated_at timestamp_tz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamp_tz not null
);

merge into curated.dim_product as target
using (
  with changed_products as (
    select *
    from staging.stg_orders_db__products
    where _staged_at > :1
      and _staged_at <= :2
  ),

  unknown_products as (
    select distinct product_id
    from staging.stg_orders_db__order_items
    where _staged_at > :1
      and _staged_at <= :2
      and product_id is not null
      and product_id not in (select product_id from curated.dim_product)
      and product_id not in (select product_id from changed_products)
  ),

  known as (
    select
      product_id,
      sku,
      product_name,
      category,
      unit_price,
      currency_code,
      is_active,
      false as is_inferred,
      is_deleted,
      deleted_at,
      updated_at as source_updated_at,
      md5(coalesce(cast(length(cast(_row_hash as varchar)) as varchar) || ':' || cast(_row_hash as varchar), '~') || coalesce(cast(length(cast(is_deleted as varchar)) as varchar) || ':' || cast(is_deleted as varchar), '~') || coalesce(cast(length(cast(deleted_at as varchar)) as varchar) || ':' || cast(deleted_at as varchar), '~')) as _row_hash
    from changed_products
  ),

  inferred as (
    select
      product_id,
      cast(null as varchar) as sku,
      cast(null as varchar) as product_name,
      cast(null as varchar) as category,
      cast(null as decimal(12, 2)) as unit_price,
      cast(null as varchar) as currency_code,
      cast(null as boolean) as is_active,
      true as is_inferred,
      false as is_deleted,
      cast(null as timestamp_tz) as deleted_at,
      cast(null as timestamp_tz) as source_updated_at,
      'inferred' as _row_hash
    from unknown_products
  ),

  final as (
    select md5(coalesce(cast(length(cast(product_id as varchar)) as varchar) || ':' || cast(product_id as varchar), '~')) as product_sk, known.* from known
    union all
    select md5(coalesce(cast(length(cast(product_id as varchar)) as varchar) || ':' || cast(product_id as varchar), '~')) as product_sk, inferred.* from inferred
  )

  select * from final
) as source
on target.product_id = source.product_id
when matched and source._row_hash <> target._row_hash then update set
  sku = source.sku,
  product_name = source.product_name,
  category = source.category,
  unit_price = source.unit_price,
  currency_code = source.currency_code,
  is_active = source.is_active,
  is_inferred = source.is_inferred,
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  source_updated_at = source.source_updated_at,
  _row_hash = source._row_hash,
  _run_id = :3,
  _merged_at = :4
when not matched then insert (
  product_sk, product_id, sku, product_name, category, unit_price, currency_code, is_active, is_inferred, is_deleted, deleted_at,
  source_updated_at, _row_hash, _run_id, _merged_at
) values (
  source.product_sk, source.product_id, source.sku, source.product_name, source.category, source.unit_price, source.currency_code, source.is_active, source.is_inferred, source.is_deleted, source.deleted_at,
  source.source_updated_at, source._row_hash, :3, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
