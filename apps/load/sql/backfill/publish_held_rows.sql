-- name:       publish_held_rows
-- grain:      one row per raw record a backfill's chunks held
-- keys:       _source_file, _row_number
-- depends-on: raw_backfill.<source>__<entity> (held chunk loads), raw.<source>__<entity>

-- Runs in the publish transaction, before the models. _loaded_at becomes the
-- publish time: the models take raw in ranges of _loaded_at after their
-- saved progress, which hourly loads during the backfill have moved past the
-- chunks' own load times. _run_id becomes the publish's: the rows are
-- published by it, and its `batch` checks read the rows of their run id.
-- The chunk stays in _source_file (its key holds run=<chunk run id>) and in
-- ops.file_loads.
insert into {{ raw_table }} ({{ columns }}, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
select {{ columns }}, :run_id, _source_file, _row_number, _extracted_at, :published_at
from {{ held_table }}
