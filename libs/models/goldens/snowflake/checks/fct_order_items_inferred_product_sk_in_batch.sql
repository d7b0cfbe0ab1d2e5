-- Fact rows joined to an inferred member of {{ parent }} (a parent that had
-- not landed when the fact did): not an error, counted apart from orphans so
-- a parent that never arrives shows as a count that does not fall.
with failing as (
  select cast(fact.order_item_id as varchar) as failing_key
  from curated.fct_order_items as fact
  where (cast(:1 as boolean) or fact._run_id = :2)
    and exists (
      select 1
      from curated.dim_product as parent
      where parent.product_sk = fact.product_sk
        and parent.is_inferred
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: false
--   2: "hourly-20261129T10"
