-- name:       model_state
-- grain:      one row per incremental model
-- keys:       model
-- depends-on: none
create table if not exists ops.model_state (
  model varchar not null primary key,
  processed_through {{ ts_type() }} not null,
  run_id varchar not null,
  updated_at {{ ts_type() }} not null
)
