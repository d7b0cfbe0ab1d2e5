create table if not exists ops.model_state (
  model varchar not null primary key,
  processed_through timestamp_tz not null,
  run_id varchar not null,
  updated_at timestamp_tz not null
);
