create table if not exists staging.stg_orders_db__orders (
  order_id bigint not null,
  customer_id bigint,
  order_status varchar,
  currency_code varchar,
  subtotal_amount decimal(14, 2),
  tax_amount decimal(14, 2),
  shipping_amount decimal(14, 2),
  total_amount decimal(14, 2),
  ordered_at timestamptz,
  paid_at timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
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
  'orders',
  _source_file,
  _row_number,
  'order_id is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.orders_db__orders as raw_row
where order_id is null
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_orders_db__orders as target
using (
  with batch as (
    select *
    from raw.orders_db__orders
    where _loaded_at > $1
      and _loaded_at <= $2
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
      md5(coalesce(cast(length(cast(customer_id as varchar)) as varchar) || ':' || cast(customer_id as varchar), '~') || coalesce(cast(length(cast(status as varchar)) as varchar) || ':' || cast(status as varchar), '~') || coalesce(cast(length(cast(currency as varchar)) as varchar) || ':' || cast(currency as varchar), '~') || coalesce(cast(length(cast(subtotal as varchar)) as varchar) || ':' || cast(subtotal as varchar), '~') || coalesce(cast(length(cast(tax as varchar)) as varchar) || ':' || cast(tax as varchar), '~') || coalesce(cast(length(cast(shipping as varchar)) as varchar) || ':' || cast(shipping as varchar), '~') || coalesce(cast(length(cast(total as varchar)) as varchar) || ':' || cast(total as varchar), '~') || coalesce(cast(length(cast(ordered_at as varchar)) as varchar) || ':' || cast(ordered_at as varchar), '~') || coalesce(cast(length(cast(paid_at as varchar)) as varchar) || ':' || cast(paid_at as varchar), '~') || coalesce(cast(length(cast(shipped_at as varchar)) as varchar) || ':' || cast(shipped_at as varchar), '~') || coalesce(cast(length(cast(delivered_at as varchar)) as varchar) || ':' || cast(delivered_at as varchar), '~') || coalesce(cast(length(cast(cancelled_at as varchar)) as varchar) || ':' || cast(cancelled_at as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~')) as _row_hash,
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
  _staged_at = $4
when not matched then insert (
  order_id, customer_id, order_status, currency_code, subtotal_amount, tax_amount, shipping_amount, total_amount, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.order_id, source.customer_id, source.order_status, source.currency_code, source.subtotal_amount, source.tax_amount, source.shipping_amount, source.total_amount, source.ordered_at, source.paid_at, source.shipped_at, source.delivered_at, source.cancelled_at, source.created_at, source.updated_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
