-- name:       stg_stripe__charges
-- grain:      one row per charge: the latest state seen (same created: the later extract, then file and row)
-- keys:       charge_id
-- depends-on: raw.stripe__charges
-- tracks:     raw.stripe__charges._loaded_at

-- Rendered on templates/staging_model.sql. A charge's created never changes,
-- so its newer states (captured, refunded, disputed) win as later extracts;
-- within one run the extractor yields an event's snapshot after the listing,
-- and only when it is newer than the listing. Amounts stay in Stripe's minor
-- units here; fct_payments converts them by currency_exponent.

select
  id as charge_id,
  customer_id,
  payment_intent_id,
  balance_transaction_id,
  order_id,
  status as charge_status,
  upper(currency) as currency_code,
  currency_exponent,
  amount as amount_minor,
  amount_captured as amount_captured_minor,
  amount_refunded as amount_refunded_minor,
  paid as is_paid,
  captured as is_captured,
  refunded as is_refunded,
  disputed as is_disputed,
  billing_email,
  billing_name,
  billing_address_line1,
  billing_address_postal_code,
  billing_address_country,
  payment_method_type,
  card_brand,
  card_last4,
  card_fingerprint,
  failure_code,
  created as created_at,
  observed_at,
  livemode
from {{ source }}
