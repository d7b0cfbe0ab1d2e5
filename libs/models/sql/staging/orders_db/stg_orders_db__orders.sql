-- name:       stg_orders_db__orders
-- grain:      one row per order: the latest version by updated_at, then extraction time, then file and row
-- keys:       order_id
-- depends-on: raw.orders_db__orders
-- tracks:     raw.orders_db__orders._loaded_at

-- Rows without an order_id cannot be keyed: they go to ops.quarantine, not to staging.
-- is_deleted/deleted_at are set by reconcile_orders_db__orders, and cleared by it when a later
-- key set holds the key again. Here only a version written after the delete was
-- observed (updated_at > deleted_at: a re-inserted or updated row) clears them;
-- one merely newer than the staged version may be a pre-delete extract loaded
-- late, and an overlap re-read is older still.

create table if not exists staging.stg_orders_db__orders (
  order_id bigint not null,
  customer_id bigint,
  order_status varchar,
  currency_code varchar,
  subtotal_amount decimal(14, 2),
  tax_amount decimal(14, 2),
  shipping_amount decimal(14, 2),
  total_amount decimal(14, 2),
  ordered_at {{ ts_type() }},
  paid_at {{ ts_type() }},
  shipped_at {{ ts_type() }},
  delivered_at {{ ts_type() }},
  cancelled_at {{ ts_type() }},
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
  'orders',
  _source_file,
  _row_number,
  'order_id is null: the business key is missing',
  {{ row_json(raw_orders) }},
  :now
from raw.orders_db__orders as raw_orders
where order_id is null
  and _loaded_at > :processed_through
  and _loaded_at <= :batch_end;

merge into staging.stg_orders_db__orders as target
using (
  with batch as (
    select *
    from raw.orders_db__orders
    where _loaded_at > :processed_through
      and _loaded_at <= :batch_end
      and order_id is not null
  ),

  renamed as (
    select
      order_id,
      customer_id,
      lower(status) as order_status,
      upper(currency) as currency_code,
      subtotal as subtotal_amount,
      tax as tax_amount,
      shipping as shipping_amount,
      total as total_amount,
      ordered_at,
      paid_at,
      shipped_at,
      delivered_at,
      cancelled_at,
      created_at,
      updated_at,
      {{ hash_key(customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at) }} as _row_hash,
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
      partition by order_id
      order by updated_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.order_id = source.order_id
when matched and (
  source.updated_at > target.updated_at
  or (source.updated_at = target.updated_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  customer_id = source.customer_id,
  order_status = source.order_status,
  currency_code = source.currency_code,
  subtotal_amount = source.subtotal_amount,
  tax_amount = source.tax_amount,
  shipping_amount = source.shipping_amount,
  total_amount = source.total_amount,
  ordered_at = source.ordered_at,
  paid_at = source.paid_at,
  shipped_at = source.shipped_at,
  delivered_at = source.delivered_at,
  cancelled_at = source.cancelled_at,
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
  order_id, customer_id, order_status, currency_code, subtotal_amount, tax_amount, shipping_amount, total_amount,
  ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.order_id, source.customer_id, source.order_status, source.currency_code, source.subtotal_amount, source.tax_amount, source.shipping_amount, source.total_amount,
  source.ordered_at, source.paid_at, source.shipped_at, source.delivered_at, source.cancelled_at, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :now
);
