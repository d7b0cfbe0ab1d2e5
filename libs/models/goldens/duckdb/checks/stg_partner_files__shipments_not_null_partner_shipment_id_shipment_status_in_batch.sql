-- check_not_null_key for the rows this run wrote.
select count(*) as failing_rows
from staging.stg_partner_files__shipments
where _run_id = $1
  and (partner is null or shipment_id is null or shipment_status is null);
-- binds:
--   1: "hourly-20261129T10"
