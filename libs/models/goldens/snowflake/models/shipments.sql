create or replace view analytics.shipments as
select
  shipment_sk as shipment_key,
  partner,
  shipment_id,
  order_sk as order_key,
  order_id,
  carrier,
  tracking_number,
  latest_status,
  latest_status_at,
  shipped_at,
  delivered_at,
  shipped_date,
  cast(year(shipped_date) * 10000 + month(shipped_date) * 100 + day(shipped_date) as bigint) as shipped_date_key,
  weight_kg
from curated.fct_shipments;

comment on view analytics.shipments is 'One row per shipment a fulfilment partner reported, with its latest status and its shipped and delivered times.';
