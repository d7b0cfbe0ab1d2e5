create table if not exists ops.watermarks (
  source varchar not null,
  entity varchar not null,
  watermark timestamptz not null,
  run_id varchar not null,
  updated_at timestamptz not null,
  primary key (source, entity)
);
