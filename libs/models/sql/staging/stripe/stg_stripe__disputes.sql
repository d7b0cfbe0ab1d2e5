-- name:       stg_stripe__disputes
-- grain:      one row per dispute: the latest state seen (same created: the later extract, then file and row)
-- keys:       dispute_id
-- depends-on: raw.stripe__disputes
-- tracks:     raw.stripe__disputes._loaded_at

-- Rendered on templates/staging_model.sql. A dispute's status moves for weeks
-- (needs_response, under_review, won, lost); observed_at is when the staged
-- status was current, which dates a won dispute's reversal in fct_payments.

select
  id as dispute_id,
  charge_id,
  payment_intent_id,
  status as dispute_status,
  reason as dispute_reason,
  is_charge_refundable,
  upper(currency) as currency_code,
  currency_exponent,
  amount as amount_minor,
  evidence_due_by as evidence_due_at,
  created as created_at,
  observed_at,
  livemode
from {{ source }}
