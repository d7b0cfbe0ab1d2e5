-- name:       dim_product_duplicate_product
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_product
-- table:      curated.dim_product
-- severity:   error
-- scope:      table

-- dim_product is SCD1: one row per product, or joins from order lines double count.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select product_id, count(*) as copies
  from curated.dim_product
  group by product_id
  having count(*) > 1
) as duplicated
