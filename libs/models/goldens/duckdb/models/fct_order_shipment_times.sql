create table if not exists curated.fct_order_shipment_times (
  order_sk varchar not null,
  order_id bigint not null,
  shipped_at timestamptz not null,
  delivered_at timestamptz,
  shipments bigint not null,
  delivered_shipments bigint not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamptz not null
);

merge into curated.fct_order_shipment_times as target
using (
  with changed_orders as (
    select distinct order_id
    from curated.fct_shipments
    where _merged_at > $1
      and _merged_at <= $2
  ),

  per_order as (
    select
      order_id,
      min(shipped_at) as shipped_at,
      case when count(delivered_at) = count(*) then max(delivered_at) end as delivered_at,
      count(*) as shipments,
      count(delivered_at) as delivered_shipments
    from curated.fct_shipments
    where order_id in (select order_id from changed_orders)
    group by order_id
  ),

  final as (
    select
      md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~')) as order_sk,
      order_id,
      shipped_at,
      delivered_at,
      shipments,
      delivered_shipments,
      md5(coalesce(cast(length(cast(shipped_at as varchar)) as varchar) || ':' || cast(shipped_at as varchar), '~') || coalesce(cast(length(cast(delivered_at as varchar)) as varchar) || ':' || cast(delivered_at as varchar), '~') || coalesce(cast(length(cast(shipments as varchar)) as varchar) || ':' || cast(shipments as varchar), '~') || coalesce(cast(length(cast(delivered_shipments as varchar)) as varchar) || ':' || cast(delivered_shipments as varchar), '~')) as _row_hash,
      $3 as _run_id
    from per_order
  )

  select * from final
) as source
on target.order_id = source.order_id
when matched and source._row_hash <> target._row_hash then update set
  shipped_at = source.shipped_at,
  delivered_at = source.delivered_at,
  shipments = source.shipments,
  delivered_shipments = source.delivered_shipments,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = $4
when not matched then insert (
  order_sk, order_id, shipped_at, delivered_at, shipments, delivered_shipments, _row_hash, _run_id, _merged_at
) values (
  source.order_sk, source.order_id, source.shipped_at, source.delivered_at, source.shipments, source.delivered_shipments, source._row_hash, source._run_id, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
