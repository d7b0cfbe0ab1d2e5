-- name:       partner_files
-- grain:      one row per source object version a run took (a quarantined one again after its release)
-- keys:       object_key, etag, run_id
-- depends-on: none

-- The object ledger of sources read from files (partner CSV drops): a run
-- lists its objects in its manifest and the raw loader commits them here
-- with the run's rows, so an object is never read twice for one etag. A
-- quarantined object stays taken until released (released_at), and a
-- replaced object (a new etag) is taken again.
create table if not exists ops.partner_files (
  object_key varchar not null,
  etag varchar not null,
  size_bytes bigint not null,
  source varchar not null,
  entity varchar not null,
  partner varchar not null,
  run_id varchar not null,
  -- taken: its good rows loaded; quarantined: copied under quarantine_key, no row loaded
  outcome varchar not null,
  rows_taken bigint not null,
  rows_rejected bigint not null,
  reason varchar,
  quarantine_id varchar,
  quarantine_key varchar,
  taken_at {{ ts_type() }} not null,
  released_at {{ ts_type() }},
  released_by varchar,
  primary key (object_key, etag, run_id)
)
