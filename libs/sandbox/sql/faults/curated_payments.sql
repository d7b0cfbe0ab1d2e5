-- name:       sandbox_faults_curated_payments
-- grain:      one row per curated.fct_payments row (a duplicated key shows twice)
-- keys:       none: finding duplicated keys is the point
-- depends-on: fct_payments
-- Amounts as text at three decimals, the widest exponent (KWD), so 12.5 and 12.500 agree.
select
  payment_type || ':' || movement_id as key,
  payment_status as status,
  cast(cast(amount as decimal(18, 3)) as varchar) as amount,
  order_id,
  order_sk,
  false as is_deleted
from curated.fct_payments
