-- name:       stg_stripe__payment_intents
-- grain:      one row per payment intent: the latest state seen (same created: the later extract, then file and row)
-- keys:       payment_intent_id
-- depends-on: raw.stripe__payment_intents
-- tracks:     raw.stripe__payment_intents._loaded_at

-- Rendered on templates/staging_model.sql. An intent's status moves with
-- each attempt; amounts in Stripe's minor units.

select
  id as payment_intent_id,
  customer_id,
  latest_charge_id,
  order_id,
  status as payment_intent_status,
  capture_method,
  upper(currency) as currency_code,
  currency_exponent,
  amount as amount_minor,
  amount_received as amount_received_minor,
  canceled_at,
  cancellation_reason,
  created as created_at,
  observed_at,
  livemode
from {{ source }}
