-- name:       payments
-- grain:      one row per money movement: a charge, a refund, a dispute, a dispute reversal
-- keys:       payment_key = curated.fct_payments.payment_sk; payment_type, movement_id unique
-- depends-on: fct_payments
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for payments. The columns are a kept contract
-- (libs/contracts/src/analytics-contracts.ts): adding one is free; removing,
-- renaming or narrowing one needs analytics.payments_v2 beside this view.
-- Amounts are signed (money in positive) in major units of currency_code;
-- order_key is null until the order has landed (analytics.orders).

create or replace view analytics.payments as
select
  payment_sk as payment_key,
  payment_type,
  movement_id,
  charge_id,
  order_sk as order_key,
  order_id,
  payment_status,
  currency_code,
  amount,
  fee_amount,
  net_amount,
  payment_date,
  cast(year(payment_date) * 10000 + month(payment_date) * 100 + day(payment_date) as bigint) as payment_date_key,
  occurred_at
from curated.fct_payments;

comment on view analytics.payments is 'One row per money movement on Stripe: charges, refunds, disputes and dispute reversals. Signed amounts in major units of the movement currency.';
