-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_date, currency_code, count(*) as copies
  from curated.fct_daily_reconciliation
  where (order_date, currency_code) in (select order_date, currency_code from curated.fct_daily_reconciliation where _run_id = :1)
  group by order_date, currency_code
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
