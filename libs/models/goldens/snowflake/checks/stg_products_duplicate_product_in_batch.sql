-- The rows this run staged have one version each (stg_products_duplicate_product,
-- nightly, checks every row).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select product_id, count(*) as copies
  from staging.stg_orders_db__products
  where product_id in (select product_id from staging.stg_orders_db__products where _run_id = :1)
  group by product_id
  having count(*) > 1
) as duplicated;
-- binds:
--   1: "hourly-20261129T10"
