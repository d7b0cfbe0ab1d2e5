create table if not exists curated.fct_shipments (
  shipment_sk varchar not null,
  partner varchar not null,
  shipment_id varchar not null,
  order_id bigint not null,
  order_sk varchar not null,
  carrier varchar not null,
  tracking_number varchar,
  latest_status varchar not null,
  latest_status_at timestamp_tz not null,
  shipped_at timestamp_tz not null,
  delivered_at timestamp_tz,
  shipped_date date not null,
  weight_kg decimal(10, 3),
  status_reports bigint not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamp_tz not null
) cluster by (shipped_date);

merge into curated.fct_shipments as target
using (
  with changed as (
    select distinct partner, shipment_id
    from staging.stg_partner_files__shipments
    where _staged_at > :1
      and _staged_at <= :2
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
      md5(coalesce(cast(length(cast(latest.partner as varchar)) as varchar) || ':' || cast(latest.partner as varchar), '~') || coalesce(cast(length(cast(latest.shipment_id as varchar)) as varchar) || ':' || cast(latest.shipment_id as varchar), '~')) as shipment_sk,
      latest.partner,
      latest.shipment_id,
      latest.order_id,
      md5(coalesce(cast(length(cast(latest.order_id as varchar)) as varchar) || ':' || cast(latest.order_id as varchar), '~')) as order_sk,
      latest.carrier,
      coalesce(latest.tracking_number, spans.any_tracking_number) as tracking_number,
      latest.shipment_status as latest_status,
      latest.status_at as latest_status_at,
      spans.shipped_at,
      spans.delivered_at,
      cast(spans.shipped_at as date) as shipped_date,
      latest.weight_kg,
      spans.status_reports,
      md5(coalesce(cast(length(cast(latest.order_id as varchar)) as varchar) || ':' || cast(latest.order_id as varchar), '~') || coalesce(cast(length(cast(latest.carrier as varchar)) as varchar) || ':' || cast(latest.carrier as varchar), '~') || coalesce(cast(length(cast(latest.tracking_number as varchar)) as varchar) || ':' || cast(latest.tracking_number as varchar), '~') || coalesce(cast(length(cast(spans.any_tracking_number as varchar)) as varchar) || ':' || cast(spans.any_tracking_number as varchar), '~') || coalesce(cast(length(cast(latest.shipment_status as varchar)) as varchar) || ':' || cast(latest.shipment_status as varchar), '~') || coalesce(cast(length(cast(latest.status_at as varchar)) as varchar) || ':' || cast(latest.status_at as varchar), '~') || coalesce(cast(length(cast(spans.shipped_at as varchar)) as varchar) || ':' || cast(spans.shipped_at as varchar), '~') || coalesce(cast(length(cast(spans.delivered_at as varchar)) as varchar) || ':' || cast(spans.delivered_at as varchar), '~') || coalesce(cast(length(cast(latest.weight_kg as varchar)) as varchar) || ':' || cast(latest.weight_kg as varchar), '~') || coalesce(cast(length(cast(spans.status_reports as varchar)) as varchar) || ':' || cast(spans.status_reports as varchar), '~')) as _row_hash,
      :3 as _run_id
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
  _merged_at = :4
when not matched then insert (
  shipment_sk, partner, shipment_id, order_id, order_sk, carrier, tracking_number, latest_status, latest_status_at,
  shipped_at, delivered_at, shipped_date, weight_kg, status_reports, _row_hash, _run_id, _merged_at
) values (
  source.shipment_sk, source.partner, source.shipment_id, source.order_id, source.order_sk, source.carrier, source.tracking_number, source.latest_status, source.latest_status_at,
  source.shipped_at, source.delivered_at, source.shipped_date, source.weight_kg, source.status_reports, source._row_hash, source._run_id, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
