-- name:       fct_payments_unresolved_order
-- grain:      up to five failing movements per run, each with the failing row count
-- keys:       none
-- depends-on: fct_payments
-- table:      curated.fct_payments
-- severity:   warn
-- scope:      table

-- Payments naming an order that fct_orders does not hold yet. Stripe and the
-- orders DB are extracted apart, so a payment can land an hour before its
-- order: it stays in fct_payments and is resolved when the order merges. A
-- warning; a count that does not fall back is a payment for an order the shop
-- never recorded.
with failing as (
  select payment_type || ' ' || movement_id || ' (order ' || order_id || ')' as failing_key
  from curated.fct_payments
  where order_id is not null
    and order_sk is null
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
