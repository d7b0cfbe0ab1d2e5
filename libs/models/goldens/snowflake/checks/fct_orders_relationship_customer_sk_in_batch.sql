-- Fact rows whose {{ column }} finds no row of {{ parent }}: an orphan. An
-- inferred member is a row, so it is not counted here (check_inferred_members
-- counts those apart).
with failing as (
  select cast(fact.order_id as varchar) as failing_key
  from curated.fct_orders as fact
  where (cast(:1 as boolean) or fact._run_id = :2)
    and fact.customer_sk is not null
    and not exists (
      select 1
      from curated.dim_customer as parent
      where parent.customer_sk = fact.customer_sk
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: false
--   2: "hourly-20261129T10"
