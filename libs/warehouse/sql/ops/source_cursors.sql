-- name:       source_cursors
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: none

-- Checkpoints that are not timestamps (an API's opaque cursor, an event id,
-- an object-listing position), moved by the raw loader in the transaction of
-- the run that proposed them. window_end orders runs, since a checkpoint
-- itself cannot be compared.
create table if not exists ops.source_cursors (
  source varchar not null,
  entity varchar not null,
  checkpoint varchar not null,
  window_end {{ ts_type() }} not null,
  run_id varchar not null,
  updated_at {{ ts_type() }} not null,
  primary key (source, entity)
)
