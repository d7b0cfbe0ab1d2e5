-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select payment_type, movement_id, count(*) as copies
  from curated.fct_payments
  where (payment_type, movement_id) in (select payment_type, movement_id from curated.fct_payments where _run_id = :1)
  group by payment_type, movement_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
