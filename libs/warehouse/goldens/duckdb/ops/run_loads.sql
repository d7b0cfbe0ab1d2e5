-- Which committed runs are loaded: the loader reads only manifests not
-- listed here, so an hourly load does not re-read years of manifests.
create table if not exists ops.run_loads (
  manifest_key varchar not null primary key,
  source varchar not null,
  entity varchar not null,
  run_id varchar not null,
  rows_loaded bigint not null,
  loaded_at timestamptz not null
);
