-- name:       stg_orders_db__products
-- grain:      one row per product: the latest version by updated_at, then extraction time, then file and row
-- keys:       product_id
-- depends-on: raw.orders_db__products
-- tracks:     raw.orders_db__products._loaded_at

-- Rows without a product_id cannot be keyed: they go to ops.quarantine, not to staging.
-- is_deleted/deleted_at are set by reconcile_orders_db__products, and cleared by it when a later
-- key set holds the key again. Here only a version written after the delete was
-- observed (updated_at > deleted_at: a re-inserted or updated row) clears them;
-- one merely newer than the staged version may be a pre-delete extract loaded
-- late, and an overlap re-read is older still.

create table if not exists staging.stg_orders_db__products (
  product_id bigint not null,
  sku varchar,
  product_name varchar,
  category varchar,
  unit_price decimal(12, 2),
  currency_code varchar,
  is_active boolean,
  created_at {{ ts_type() }},
  updated_at {{ ts_type() }},
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
  'orders_db',
  'products',
  _source_file,
  _row_number,
  'product_id is null: the business key is missing',
  {{ row_json(raw_products) }},
  :now
from raw.orders_db__products as raw_products
where product_id is null
  and _loaded_at > :processed_through
  and _loaded_at <= :batch_end;

merge into staging.stg_orders_db__products as target
using (
  with batch as (
    select *
    from raw.orders_db__products
    where _loaded_at > :processed_through
      and _loaded_at <= :batch_end
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
      {{ hash_key(sku, name, category, unit_price, currency, is_active, created_at, updated_at) }} as _row_hash,
      _run_id,
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
  _staged_at = :now
when not matched then insert (
  product_id, sku, product_name, category, unit_price, currency_code, is_active, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.product_id, source.sku, source.product_name, source.category, source.unit_price, source.currency_code, source.is_active, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :now
);
