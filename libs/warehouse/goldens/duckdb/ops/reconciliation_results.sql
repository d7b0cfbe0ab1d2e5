-- What the nightly repair found and did: the source's digest figures, the
-- warehouse's before and after the repair, and the outcome (repaired, or
-- still differing with the keys that differ).
create table if not exists ops.reconciliation_results (
  run_id varchar not null,
  source varchar not null,
  entity varchar not null,
  created_day date,
  source_rows bigint,
  source_amount decimal(38, 2),
  warehouse_rows bigint,
  warehouse_amount decimal(38, 2),
  -- reextracted | none
  action varchar not null,
  -- repaired | still_differs
  result varchar not null,
  rows_after bigint,
  amount_after decimal(38, 2),
  differing_keys varchar,
  recorded_at timestamptz not null
);
