-- name:       sandbox_faults_partner_files_read_twice
-- grain:      one row per partner object version (key and ETag) the ledger took more than once
-- keys:       object_key, etag
-- depends-on: ops.partner_files
select object_key, etag, count(*) as times
from ops.partner_files
group by object_key, etag
having count(*) > 1
