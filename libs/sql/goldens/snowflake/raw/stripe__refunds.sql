create table if not exists raw.stripe__refunds (
  id varchar,
  charge_id varchar,
  payment_intent_id varchar,
  balance_transaction_id varchar,
  amount number(38, 0),
  currency varchar,
  status varchar,
  reason varchar,
  order_id varchar,
  created timestamp_tz,
  metadata variant,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
