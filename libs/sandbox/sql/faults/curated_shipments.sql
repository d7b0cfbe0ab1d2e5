-- name:       sandbox_faults_curated_shipments
-- grain:      one row per curated.fct_shipments row (a duplicated key shows twice)
-- keys:       none: finding duplicated keys is the point
-- depends-on: fct_shipments
select
  partner || '/' || shipment_id as key,
  latest_status as status,
  false as is_deleted
from curated.fct_shipments
