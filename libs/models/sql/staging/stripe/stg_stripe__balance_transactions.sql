-- name:       stg_stripe__balance_transactions
-- grain:      one row per balance transaction
-- keys:       balance_transaction_id
-- depends-on: raw.stripe__balance_transactions
-- tracks:     raw.stripe__balance_transactions._loaded_at

-- Rendered on templates/staging_model.sql. Fee and net of each charge and
-- refund, in minor units of the transaction's currency.

select
  id as balance_transaction_id,
  source_id,
  type as transaction_type,
  reporting_category,
  status as transaction_status,
  upper(currency) as currency_code,
  currency_exponent,
  amount as amount_minor,
  fee as fee_minor,
  net as net_minor,
  exchange_rate,
  available_on as available_at,
  created as created_at,
  observed_at
from {{ source }}
