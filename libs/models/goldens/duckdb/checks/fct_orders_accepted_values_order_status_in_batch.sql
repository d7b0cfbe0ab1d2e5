-- Rows whose {{ column }} is none of the accepted values. The values come as
-- one bind parameter, ',a,b,c,' (declarations refuse commas in them), and
-- position() is spelled the same in DuckDB and Snowflake, so no list type or
-- generated IN list is needed. A null is not judged here (check_not_null is).
with failing as (
  select cast(order_id as varchar) as failing_key
  from curated.fct_orders
  where (cast($1 as boolean) or _run_id = $2)
    and order_status is not null
    and position(',' || cast(order_status as varchar) || ',' in $3) = 0
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: false
--   2: "hourly-20261129T10"
--   3: ",pending,paid,shipped,delivered,cancelled,refunded,"
