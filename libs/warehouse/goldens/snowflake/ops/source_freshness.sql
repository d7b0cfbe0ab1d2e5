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
