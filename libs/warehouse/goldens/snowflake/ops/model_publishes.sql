-- When each run's batch of each model committed, kept beside
-- ops.model_state, which holds only the latest run: the freshness SLO
-- reads a run's publish time here, after the next run has moved the state.
create table if not exists ops.model_publishes (
  model varchar not null,
  run_id varchar not null,
  published_at timestamp_tz not null
);
