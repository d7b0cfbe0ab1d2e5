create table if not exists raw.stripe__disputes (
  id varchar,
  charge_id varchar,
  payment_intent_id varchar,
  amount bigint,
  currency varchar,
  status varchar,
  reason varchar,
  is_charge_refundable boolean,
  evidence_due_by timestamptz,
  created timestamptz,
  livemode boolean,
  metadata json,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
