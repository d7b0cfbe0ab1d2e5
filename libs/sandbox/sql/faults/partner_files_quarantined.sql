-- name:       sandbox_faults_partner_files_quarantined
-- grain:      one row per partner object version the ledger quarantined and nobody released
-- keys:       object_key, etag
-- depends-on: ops.partner_files
select distinct object_key, etag
from ops.partner_files
where outcome = 'quarantined'
  and released_at is null
