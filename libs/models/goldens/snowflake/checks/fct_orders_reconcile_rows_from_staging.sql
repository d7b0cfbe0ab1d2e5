-- Row-count reconciliation between layers: every key {{ upstream }} received
-- in this run (rows without a key go to ops.quarantine and are left out)
-- has its row in {{ table }}. Counted by key, so the overlap re-reads and
-- versions that staging folds into one row are not taken for losses.
with failing as (
  select distinct cast(upstream.order_id as varchar) as failing_key
  from staging.stg_orders_db__orders as upstream
  where (cast(:1 as boolean) or upstream._run_id = :2)
    and upstream.order_id is not null
    and not exists (
      select 1
      from curated.fct_orders as downstream
      where downstream.order_id = upstream.order_id
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: true
--   2: "hourly-20261129T10"
