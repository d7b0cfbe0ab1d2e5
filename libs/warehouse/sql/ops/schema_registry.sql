-- name:       schema_registry
-- grain:      one row per distinct schema seen for a source entity
-- keys:       source, entity, fingerprint
-- depends-on: none
create table if not exists ops.schema_registry (
  source varchar not null,
  entity varchar not null,
  contract_version varchar not null,
  fingerprint varchar not null,
  -- JSON text: the columns as the extractor saw them
  columns varchar not null,
  first_seen_run_id varchar not null,
  first_seen_at {{ ts_type() }} not null,
  primary key (source, entity, fingerprint)
)
