create table if not exists raw.stripe__refunds (
  id varchar,
  charge_id varchar,
  payment_intent_id varchar,
  balance_transaction_id varchar,
  amount bigint,
  currency varchar,
  status varchar,
  reason varchar,
  order_id varchar,
  created timestamptz,
  metadata json,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
