-- check_not_null_key for the rows this run wrote.
select count(*) as failing_rows
from curated.fct_daily_reconciliation
where _run_id = $1
  and (order_date is null or currency_code is null);
-- binds:
--   1: "hourly-20261129T10"
