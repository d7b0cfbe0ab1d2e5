-- name:       sandbox_faults_curated_tickets
-- grain:      one row per curated.fct_support_tickets row (a duplicated key shows twice)
-- keys:       none: finding duplicated keys is the point
-- depends-on: fct_support_tickets
-- DuckDB (the embedded warehouse the fault suite runs on): epoch.
select
  cast(ticket_id as varchar) as key,
  status,
  cast(cast(epoch(source_updated_at) as bigint) as varchar) as updated_s,
  is_deleted
from curated.fct_support_tickets
