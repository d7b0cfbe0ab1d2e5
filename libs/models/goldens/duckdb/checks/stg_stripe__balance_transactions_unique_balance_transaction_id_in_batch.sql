-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select balance_transaction_id, count(*) as copies
  from staging.stg_stripe__balance_transactions
  where balance_transaction_id in (select balance_transaction_id from staging.stg_stripe__balance_transactions where _run_id = $1)
  group by balance_transaction_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
