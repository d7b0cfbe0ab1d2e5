-- name:       record_run_load
-- grain:      one row per loaded manifest
-- keys:       manifest_key
-- depends-on: ops.run_loads
insert into ops.run_loads (manifest_key, source, entity, run_id, rows_loaded, loaded_at)
values (:manifest_key, :source, :entity, :run_id, :rows_loaded, :loaded_at)
