alter session set timezone = 'UTC';

alter session set timestamp_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM';

alter session set timestamp_tz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM';

alter session set timestamp_ltz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM';

alter session set timestamp_ntz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6';

alter session set default_null_ordering = 'LAST';

create schema if not exists raw;

create schema if not exists staging;

create schema if not exists curated;

create schema if not exists analytics;

create schema if not exists ops;

-- Appended nightly from Snowflake's ACCOUNT_USAGE.ACCESS_HISTORY (kept there
-- for 365 days only): who read which column, under which role, and whether
-- the contracts call it PII. object_name is schema.table, lower case.
create table if not exists ops.access_audit (
  query_id varchar not null,
  accessed_at timestamp_tz not null,
  user_name varchar not null,
  role_name varchar,
  object_name varchar not null,
  column_name varchar not null,
  is_pii boolean not null,
  audited_at timestamp_tz not null,
  primary key (query_id, object_name, column_name)
);

create table if not exists ops.dq_results (
  run_id varchar not null,
  check_name varchar not null,
  table_name varchar not null,
  -- error | warn
  severity varchar not null,
  -- pass | fail
  status varchar not null,
  failing_rows bigint not null,
  details varchar,
  checked_at timestamp_tz not null,
  primary key (run_id, check_name)
);

-- The ledger that keeps a file from loading twice: kept for ever, unlike
-- Snowflake's 64-day load metadata.
create table if not exists ops.file_loads (
  source_file varchar not null primary key,
  sha256 varchar not null,
  source varchar not null,
  entity varchar not null,
  run_id varchar not null,
  rows_loaded bigint not null,
  loaded_at timestamp_tz not null
);

-- When each run's batch of each model committed, kept beside
-- ops.model_state, which holds only the latest run: the freshness SLO
-- reads a run's publish time here, after the next run has moved the state.
create table if not exists ops.model_publishes (
  model varchar not null,
  run_id varchar not null,
  published_at timestamp_tz not null
);

create table if not exists ops.model_state (
  model varchar not null primary key,
  processed_through timestamp_tz not null,
  run_id varchar not null,
  updated_at timestamp_tz not null
);

-- The object ledger of sources read from files (partner CSV drops): a run
-- lists its objects in its manifest and the raw loader commits them here
-- with the run's rows, so an object is never read twice for one etag. A
-- quarantined object stays taken until released (released_at), and a
-- replaced object (a new etag) is taken again.
create table if not exists ops.partner_files (
  object_key varchar not null,
  etag varchar not null,
  size_bytes bigint not null,
  source varchar not null,
  entity varchar not null,
  partner varchar not null,
  run_id varchar not null,
  -- taken: its good rows loaded; quarantined: copied under quarantine_key, no row loaded
  outcome varchar not null,
  rows_taken bigint not null,
  rows_rejected bigint not null,
  reason varchar,
  quarantine_id varchar,
  quarantine_key varchar,
  taken_at timestamp_tz not null,
  released_at timestamp_tz,
  released_by varchar,
  primary key (object_key, etag, run_id)
);

-- The columns after message come from the job's run record (its last log
-- line) and were added later: a warehouse made before them gains them, null
-- in older rows, through ops-table-migration.ts. New columns go at the end
-- and nullable.
create table if not exists ops.pipeline_runs (
  run_id varchar not null,
  step varchar not null,
  mode varchar not null,
  -- running | succeeded | failed | skipped
  status varchar not null,
  attempt integer not null,
  started_at timestamp_tz not null,
  finished_at timestamp_tz,
  exit_code integer,
  rows_written bigint,
  message varchar,
  rows_in bigint,
  rows_out bigint,
  bytes bigint,
  duration_seconds double,
  -- minutes from a source's window close to its curated tables' publish (the quality job's worst source)
  lag_minutes double,
  -- requests the app retried within this attempt (attempt counts the job's own re-runs)
  retries integer,
  -- what the job wants an operator to know about an otherwise good run, e.g. a Stripe events gap re-listed by created
  note varchar,
  primary key (run_id, step, attempt)
);

create table if not exists ops.quarantine (
  run_id varchar not null,
  source varchar not null,
  entity varchar not null,
  source_file varchar not null,
  row_number bigint not null,
  reason varchar not null,
  record varchar not null,
  quarantined_at timestamp_tz not null
);

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
  recorded_at timestamp_tz not null
);

-- Which committed runs are loaded: the loader reads only manifests not
-- listed here, so an hourly load does not re-read years of manifests.
create table if not exists ops.run_loads (
  manifest_key varchar not null primary key,
  source varchar not null,
  entity varchar not null,
  run_id varchar not null,
  rows_loaded bigint not null,
  loaded_at timestamp_tz not null
);

create table if not exists ops.schema_registry (
  source varchar not null,
  entity varchar not null,
  contract_version varchar not null,
  fingerprint varchar not null,
  -- JSON text: the columns as the extractor saw them
  columns varchar not null,
  first_seen_run_id varchar not null,
  first_seen_at timestamp_tz not null,
  primary key (source, entity, fingerprint)
);

-- Checkpoints that are not timestamps (an API's opaque cursor, an event id,
-- an object-listing position), moved by the raw loader in the transaction of
-- the run that proposed them. window_end orders runs, since a checkpoint
-- itself cannot be compared.
create table if not exists ops.source_cursors (
  source varchar not null,
  entity varchar not null,
  checkpoint varchar not null,
  window_end timestamp_tz not null,
  run_id varchar not null,
  updated_at timestamp_tz not null,
  primary key (source, entity)
);

-- The 45-minute SLO, measured by the quality job: when the run's window
-- closed at the source (the extract's snapshot, the earliest _extracted_at of
-- the run's raw rows), when the curated tables it feeds were published (their
-- batches' commits in this run, ops.model_publishes), the lag between, and
-- the rows that landed later than their hour (cursor older than the run's
-- window start).
create table if not exists ops.source_freshness (
  run_id varchar not null,
  source varchar not null,
  window_closed_at timestamp_tz not null,
  published_at timestamp_tz,
  lag_minutes double,
  rows_landed bigint not null,
  late_rows bigint not null,
  measured_at timestamp_tz not null,
  primary key (run_id, source)
);

create table if not exists ops.watermarks (
  source varchar not null,
  entity varchar not null,
  watermark timestamp_tz not null,
  run_id varchar not null,
  updated_at timestamp_tz not null,
  primary key (source, entity)
);

-- Names folded to lower case: Snowflake keeps them upper case.
select
  lower(table_name) as table_name,
  lower(column_name) as column_name
from information_schema.columns
where lower(table_schema) = lower(:1);
-- binds:
--   1: "ops"

begin transaction;

-- COPY takes its file list and stage path as constants, not bind
-- parameters, so the run's values arrive as literals (none is a secret).
-- force = true: ops.file_loads decides what is loaded; Snowflake's own load
-- metadata forgets after 64 days and must not silently skip a file the
-- ledger says is new (e.g. after a raw table was rebuilt).
copy into raw.orders_db__orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
from (
  select $1:"order_id"::number(38, 0), $1:"customer_id"::number(38, 0), $1:"status"::varchar, $1:"currency"::varchar, $1:"subtotal"::number(14, 2), $1:"tax"::number(14, 2), $1:"shipping"::number(14, 2), $1:"total"::number(14, 2), $1:"ordered_at"::timestamp_tz, $1:"paid_at"::timestamp_tz, $1:"shipped_at"::timestamp_tz, $1:"delivered_at"::timestamp_tz, $1:"cancelled_at"::timestamp_tz, $1:"created_at"::timestamp_tz, $1:"updated_at"::timestamp_tz, 'hourly-2026112910', 'orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet', metadata$file_row_number, to_timestamp_tz('2026-11-29T10:05:00.250000Z'), to_timestamp_tz('2026-11-29T10:20:00Z')
  from @raw_zone
)
files = ('orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet')
file_format = (type = parquet, use_logical_type = true)
on_error = abort_statement
force = true;

commit;

begin transaction;

rollback;
