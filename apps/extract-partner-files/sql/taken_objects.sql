-- name:       taken_objects
-- grain:      one row per object version in the ledger that is not to be read again
-- keys:       object_key, etag
-- depends-on: ops.partner_files

-- Taken: loaded, or quarantined and not released since. A released
-- quarantine is read again; a replaced object has another etag.
select distinct object_key, etag, size_bytes
from ops.partner_files
where source = :source
  and entity = :entity
  and (outcome = 'taken' or released_at is null)
