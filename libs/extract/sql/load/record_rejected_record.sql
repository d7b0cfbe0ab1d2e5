-- name:       record_rejected_record
-- grain:      one row per source record a stream refused
-- keys:       none
-- depends-on: ops.quarantine
insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
values (:run_id, :source, :entity, :source_file, :row_number, :reason, :record, :now)
