-- name:       dim_product_duplicate_product_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: dim_product
-- table:      curated.dim_product
-- severity:   error
-- scope:      batch

-- The products this run merged have one row each (dim_product_duplicate_product,
-- nightly, checks every product).
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select product_id, count(*) as copies
  from curated.dim_product
  where product_id in (select product_id from curated.dim_product where _run_id = :run_id)
  group by product_id
  having count(*) > 1
) as duplicated
