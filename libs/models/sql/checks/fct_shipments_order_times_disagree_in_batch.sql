-- name:       fct_shipments_order_times_disagree_in_batch
-- grain:      up to five disagreeing shipments per run, each with the failing row count
-- keys:       none
-- depends-on: fct_shipments, fct_orders
-- table:      curated.fct_shipments
-- severity:   warn
-- scope:      batch

-- fct_shipments_order_times_disagree for the shipments this run merged.
with failing as (
  select s.partner || ' ' || s.shipment_id || ' (order ' || cast(s.order_id as varchar) || ')' as failing_key
  from curated.fct_shipments as s
  inner join curated.fct_orders as o
    on o.order_sk = s.order_sk
  where s._run_id = :run_id
    and ((o.shipped_at is not null
        and (s.shipped_at > o.shipped_at + interval '1 hour' or s.shipped_at < o.shipped_at - interval '1 hour'))
      or (o.delivered_at is not null and s.delivered_at is not null
        and (s.delivered_at > o.delivered_at + interval '1 hour' or s.delivered_at < o.delivered_at - interval '1 hour')))
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
