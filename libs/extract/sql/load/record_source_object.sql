-- name:       record_source_object
-- grain:      one row per object a run took or quarantined
-- keys:       object_key, etag, run_id
-- depends-on: ops.partner_files
insert into ops.partner_files (object_key, etag, size_bytes, source, entity, partner, run_id, outcome, rows_taken, rows_rejected, reason, quarantine_id, quarantine_key, taken_at)
values (:object_key, :etag, :size_bytes, :source, :entity, :partner, :run_id, :outcome, :rows_taken, :rows_rejected, :reason, :quarantine_id, :quarantine_key, :now)
