-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select payment_intent_id, count(*) as copies
  from staging.stg_stripe__payment_intents
  where payment_intent_id in (select payment_intent_id from staging.stg_stripe__payment_intents where _run_id = $1)
  group by payment_intent_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
