-- name:       record_file_load
-- grain:      one row per loaded file
-- keys:       source_file
-- depends-on: ops.file_loads
insert into ops.file_loads (source_file, sha256, source, entity, run_id, rows_loaded, loaded_at)
values (:source_file, :sha256, :source, :entity, :run_id, :rows_loaded, :loaded_at)
