create table if not exists ops.schema_registry (
  source varchar not null,
  entity varchar not null,
  contract_version varchar not null,
  fingerprint varchar not null,
  -- JSON text: the columns as the extractor saw them
  columns varchar not null,
  first_seen_run_id varchar not null,
  first_seen_at timestamptz not null,
  primary key (source, entity, fingerprint)
);
