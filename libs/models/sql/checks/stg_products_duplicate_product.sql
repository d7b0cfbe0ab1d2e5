-- name:       stg_products_duplicate_product
-- grain:      one result per run
-- keys:       none
-- depends-on: stg_orders_db__products
-- table:      staging.stg_orders_db__products
-- severity:   error
-- scope:      table

-- Staging keeps one version per product; a second one means a MERGE went wrong.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select product_id, count(*) as copies
  from staging.stg_orders_db__products
  group by product_id
  having count(*) > 1
) as duplicated
