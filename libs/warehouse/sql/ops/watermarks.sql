-- name:       watermarks
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: none
create table if not exists ops.watermarks (
  source varchar not null,
  entity varchar not null,
  watermark {{ ts_type() }} not null,
  run_id varchar not null,
  updated_at {{ ts_type() }} not null,
  primary key (source, entity)
)
