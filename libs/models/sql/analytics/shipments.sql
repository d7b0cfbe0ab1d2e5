-- name:       shipments
-- grain:      one row per shipment of a partner
-- keys:       shipment_key = curated.fct_shipments.shipment_sk; partner, shipment_id unique
-- depends-on: fct_shipments
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for shipments; a kept contract like analytics.orders.
-- order_key joins analytics.orders, also for a shipment whose order has not
-- landed yet (it then finds no order until it does). analytics.orders takes
-- these times where the orders DB has none (fct_order_shipment_times, with
-- shipped_at_source and delivered_at_source); where both have one and they
-- disagree by more than an hour, the warning fct_shipments_order_times_disagree
-- lists them.

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
