-- name:       quarantine_summary
-- grain:      one row per source, entity and reason
-- keys:       source, entity, reason
-- depends-on: ops.quarantine

select source, entity, reason, count(*) as quarantined_rows, max(quarantined_at) as last_quarantined_at
from ops.quarantine
group by source, entity, reason
order by quarantined_rows desc
limit 50
