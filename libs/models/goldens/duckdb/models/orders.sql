create or replace view analytics.orders as
select
  o.order_sk as order_key,
  o.order_id,
  o.customer_sk as customer_key,
  o.customer_id,
  o.order_status,
  o.currency_code,
  o.subtotal_amount,
  o.tax_amount,
  o.shipping_amount,
  o.total_amount,
  o.order_date,
  cast(year(o.order_date) * 10000 + month(o.order_date) * 100 + day(o.order_date) as bigint) as order_date_key,
  o.ordered_at,
  o.paid_at,
  coalesce(o.shipped_at, p.shipped_at) as shipped_at,
  coalesce(o.delivered_at, p.delivered_at) as delivered_at,
  o.cancelled_at,
  o.source_updated_at as last_updated_at,
  case when o.shipped_at is not null then 'orders_db' when p.shipped_at is not null then 'partner' end as shipped_at_source,
  case when o.delivered_at is not null then 'orders_db' when p.delivered_at is not null then 'partner' end as delivered_at_source
from curated.fct_orders as o
left join curated.fct_order_shipment_times as p
  on p.order_id = o.order_id
where not o.is_deleted;

comment on view analytics.orders is 'One row per order placed on the Northstar web shop (orders deleted in the orders DB are left out). Amounts in the order currency. Shipped and delivered times fall back to what the fulfilment partners reported where the orders DB has none.';
