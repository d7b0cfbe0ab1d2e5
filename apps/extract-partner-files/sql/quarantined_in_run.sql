-- name:       quarantined_in_run
-- grain:      one row per object version a run quarantined
-- keys:       object_key, etag
-- depends-on: ops.partner_files

-- What the after-load report names: the files this run refused, as its
-- load committed them to the ledger (a release since is not undone).
select partner, object_key, quarantine_id, reason
from ops.partner_files
where source = :source
  and entity = :entity
  and run_id = :run_id
  and outcome = 'quarantined'
order by partner, object_key
