-- Fact rows whose {{ column }} finds no row of {{ parent }}: an orphan. An
-- inferred member is a row, so it is not counted here (check_inferred_members
-- counts those apart).
with failing as (
  select cast(fact.order_item_id as varchar) as failing_key
  from curated.fct_order_items as fact
  where (cast($1 as boolean) or fact._run_id = $2)
    and fact.product_sk is not null
    and not exists (
      select 1
      from curated.dim_product as parent
      where parent.product_sk = fact.product_sk
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: false
--   2: "hourly-20261129T10"
