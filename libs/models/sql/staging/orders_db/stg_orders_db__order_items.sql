-- name:       stg_orders_db__order_items
-- grain:      one row per order line: the latest version by updated_at, then extraction time, then file and row
-- keys:       order_item_id
-- depends-on: raw.orders_db__order_items
-- tracks:     raw.orders_db__order_items._loaded_at

-- Rows without an order_item_id cannot be keyed: they go to ops.quarantine, not to staging.
-- is_deleted/deleted_at are set by reconcile_orders_db__order_items, and cleared by it when a later
-- key set holds the key again. Here only a version written after the delete was
-- observed (updated_at > deleted_at: a re-inserted or updated row) clears them;
-- one merely newer than the staged version may be a pre-delete extract loaded
-- late, and an overlap re-read is older still.

create table if not exists staging.stg_orders_db__order_items (
  order_item_id bigint not null,
  order_id bigint,
  product_id bigint,
  quantity bigint,
  unit_price decimal(12, 2),
  discount_amount decimal(12, 2),
  line_total_amount decimal(14, 2),
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
  'order_items',
  _source_file,
  _row_number,
  'order_item_id is null: the business key is missing',
  {{ row_json(raw_order_items) }},
  :now
from raw.orders_db__order_items as raw_order_items
where order_item_id is null
  and _loaded_at > :processed_through
  and _loaded_at <= :batch_end;

merge into staging.stg_orders_db__order_items as target
using (
  with batch as (
    select *
    from raw.orders_db__order_items
    where _loaded_at > :processed_through
      and _loaded_at <= :batch_end
      and order_item_id is not null
  ),

  renamed as (
    select
      order_item_id,
      order_id,
      product_id,
      quantity,
      unit_price,
      discount as discount_amount,
      line_total as line_total_amount,
      created_at,
      updated_at,
      {{ hash_key(order_id, product_id, quantity, unit_price, discount, line_total, created_at, updated_at) }} as _row_hash,
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
      partition by order_item_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.order_item_id = source.order_item_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  order_id = source.order_id,
  product_id = source.product_id,
  quantity = source.quantity,
  unit_price = source.unit_price,
  discount_amount = source.discount_amount,
  line_total_amount = source.line_total_amount,
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
  order_item_id, order_id, product_id, quantity, unit_price, discount_amount, line_total_amount, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.order_item_id, source.order_id, source.product_id, source.quantity, source.unit_price, source.discount_amount, source.line_total_amount, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :now
);
