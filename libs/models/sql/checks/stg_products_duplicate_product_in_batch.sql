-- name:       stg_products_duplicate_product_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__products
-- table:      staging.stg_orders_db__products
-- severity:   error
-- scope:      batch

-- The rows this run staged have one version each (stg_products_duplicate_product,
-- nightly, checks every row).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select product_id, count(*) as copies
  from staging.stg_orders_db__products
  where product_id in (select product_id from staging.stg_orders_db__products where _run_id = :run_id)
  group by product_id
  having count(*) > 1
) as duplicated
