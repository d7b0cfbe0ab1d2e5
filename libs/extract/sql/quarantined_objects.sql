-- name:       quarantined_objects
-- grain:      one row per ledger row of a quarantine id
-- keys:       quarantine_id, run_id
-- depends-on: ops.partner_files
select quarantine_id, object_key, partner, reason, released_at
from ops.partner_files
where quarantine_id = :quarantine_id
  and outcome = 'quarantined'
