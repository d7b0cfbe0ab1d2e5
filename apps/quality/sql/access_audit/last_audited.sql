-- name:       last_audited
-- grain:      one row: the newest access already in ops.access_audit
-- keys:       none
-- depends-on: ops.access_audit
select max(accessed_at) as last_accessed_at
from ops.access_audit
