create table if not exists ops.watermarks (
  source varchar not null,
  entity varchar not null,
  watermark timestamp_tz not null,
  run_id varchar not null,
  updated_at timestamp_tz not null,
  primary key (source, entity)
);
