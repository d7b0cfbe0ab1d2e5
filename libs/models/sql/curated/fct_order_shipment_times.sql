-- name:       fct_order_shipment_times
-- grain:      one row per order a partner reported a shipment for (whether or not the order has landed)
-- keys:       order_sk = hash_key(order_id); order_id unique
-- depends-on: fct_shipments
-- tracks:     curated.fct_shipments._merged_at
-- cluster-by: order_id

-- The partners' shipped and delivered times per order, which analytics.orders
-- falls back on where the orders DB has none. An order shipped in several
-- parcels (or by several partners) shipped with the first and is delivered
-- when the last one is, not before every parcel is. Kept as a table in the
-- partner chain, one row per order, rather than aggregated inside the view:
-- a BI query for one day of orders then joins the few rows of its order_id
-- range (order_id grows with time, so both engines prune on it) instead of
-- aggregating every shipment (docs/performance.md, D23). An order is
-- recomputed when any of its shipments was merged in the batch.
create table if not exists curated.fct_order_shipment_times (
  order_sk varchar not null,
  order_id bigint not null,
  shipped_at {{ ts_type() }} not null,
  delivered_at {{ ts_type() }},
  shipments bigint not null,
  delivered_shipments bigint not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
) {{ cluster_by }};

merge into curated.fct_order_shipment_times as target
using (
  with changed_orders as (
    select distinct order_id
    from curated.fct_shipments
    where _merged_at > :processed_through
      and _merged_at <= :batch_end
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
      {{ hash_key(order_id) }} as order_sk,
      order_id,
      shipped_at,
      delivered_at,
      shipments,
      delivered_shipments,
      {{ hash_key(shipped_at, delivered_at, shipments, delivered_shipments) }} as _row_hash,
      :run_id as _run_id
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
  _merged_at = :now
when not matched then insert (
  order_sk, order_id, shipped_at, delivered_at, shipments, delivered_shipments, _row_hash, _run_id, _merged_at
) values (
  source.order_sk, source.order_id, source.shipped_at, source.delivered_at, source.shipments, source.delivered_shipments, source._row_hash, source._run_id, :now
);
