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
