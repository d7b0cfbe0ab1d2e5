-- name:       stg_stripe__refunds
-- grain:      one row per refund: the latest state seen (same created: the later extract, then file and row)
-- keys:       refund_id
-- depends-on: raw.stripe__refunds
-- tracks:     raw.stripe__refunds._loaded_at

-- Rendered on templates/staging_model.sql. Amounts in minor units, positive
-- as Stripe sends them; fct_payments signs and converts them.

select
  id as refund_id,
  charge_id,
  payment_intent_id,
  balance_transaction_id,
  order_id,
  status as refund_status,
  reason as refund_reason,
  upper(currency) as currency_code,
  currency_exponent,
  amount as amount_minor,
  created as created_at,
  observed_at
from {{ source }}
