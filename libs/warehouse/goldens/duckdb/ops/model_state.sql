create table if not exists ops.model_state (
  model varchar not null primary key,
  processed_through timestamptz not null,
  run_id varchar not null,
  updated_at timestamptz not null
);
