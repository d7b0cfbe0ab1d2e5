-- name:       fct_shipments
-- grain:      one row per shipment of a partner
-- keys:       shipment_sk = hash_key(partner, shipment_id); partner, shipment_id unique
-- depends-on: stg_partner_files__shipments
-- tracks:     staging.stg_partner_files__shipments._staged_at
-- cluster-by: shipped_date

-- From every status a partner reported for the shipment: the latest one
-- (by its time) gives the status, carrier and tracking number; the first
-- report is when it shipped, the delivered report when it arrived.
-- order_sk is fct_orders' key for the order (a hash of order_id), set
-- whether or not that order has landed: a shipment for an order not yet in
-- fct_orders is kept, and joins once the order arrives. This model reads
-- the partner files alone, so order models never wait for partner drops.
-- A shipment is re-read when any of its status rows changed in the batch.
create table if not exists curated.fct_shipments (
  shipment_sk varchar not null,
  partner varchar not null,
  shipment_id varchar not null,
  order_id bigint not null,
  order_sk varchar not null,
  carrier varchar not null,
  tracking_number varchar,
  latest_status varchar not null,
  latest_status_at {{ ts_type() }} not null,
  shipped_at {{ ts_type() }} not null,
  delivered_at {{ ts_type() }},
  shipped_date date not null,
  weight_kg decimal(10, 3),
  status_reports bigint not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
) {{ cluster_by }};

merge into curated.fct_shipments as target
using (
  with changed as (
    select distinct partner, shipment_id
    from staging.stg_partner_files__shipments
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
  ),

  reports as (
    select s.*
    from staging.stg_partner_files__shipments as s
    inner join changed
      on changed.partner = s.partner
      and changed.shipment_id = s.shipment_id
  ),

  ranked as (
    select
      reports.*,
      row_number() over (partition by partner, shipment_id order by status_at desc, shipment_status desc) as recency
    from reports
  ),

  spans as (
    select
      partner,
      shipment_id,
      min(status_at) as shipped_at,
      max(case when shipment_status = 'delivered' then status_at end) as delivered_at,
      max(tracking_number) as any_tracking_number,
      count(*) as status_reports
    from reports
    group by partner, shipment_id
  ),

  final as (
    select
      {{ hash_key(latest.partner, latest.shipment_id) }} as shipment_sk,
      latest.partner,
      latest.shipment_id,
      latest.order_id,
      {{ hash_key(latest.order_id) }} as order_sk,
      latest.carrier,
      coalesce(latest.tracking_number, spans.any_tracking_number) as tracking_number,
      latest.shipment_status as latest_status,
      latest.status_at as latest_status_at,
      spans.shipped_at,
      spans.delivered_at,
      cast(spans.shipped_at as date) as shipped_date,
      latest.weight_kg,
      spans.status_reports,
      {{ hash_key(latest.order_id, latest.carrier, latest.tracking_number, spans.any_tracking_number, latest.shipment_status, latest.status_at, spans.shipped_at, spans.delivered_at, latest.weight_kg, spans.status_reports) }} as _row_hash,
      :run_id as _run_id
    from ranked as latest
    inner join spans
      on spans.partner = latest.partner
      and spans.shipment_id = latest.shipment_id
    where latest.recency = 1
  )

  select * from final
) as source
on target.shipment_sk = source.shipment_sk
when matched and source._row_hash <> target._row_hash then update set
  order_id = source.order_id,
  order_sk = source.order_sk,
  carrier = source.carrier,
  tracking_number = source.tracking_number,
  latest_status = source.latest_status,
  latest_status_at = source.latest_status_at,
  shipped_at = source.shipped_at,
  delivered_at = source.delivered_at,
  shipped_date = source.shipped_date,
  weight_kg = source.weight_kg,
  status_reports = source.status_reports,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = :now
when not matched then insert (
  shipment_sk, partner, shipment_id, order_id, order_sk, carrier, tracking_number, latest_status, latest_status_at,
  shipped_at, delivered_at, shipped_date, weight_kg, status_reports, _row_hash, _run_id, _merged_at
) values (
  source.shipment_sk, source.partner, source.shipment_id, source.order_id, source.order_sk, source.carrier, source.tracking_number, source.latest_status, source.latest_status_at,
  source.shipped_at, source.delivered_at, source.shipped_date, source.weight_kg, source.status_reports, source._row_hash, source._run_id, :now
);
