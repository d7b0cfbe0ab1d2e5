-- name:       sandbox_select_open_orders
-- grain:      one row per order row that its plan may still change
-- keys:       order_id (duplicated when the table holds duplicates)
-- depends-on: orders_db_schema
-- ordered_at goes out as epoch microseconds: a JS Date would drop them, and
-- the plan's timeline is computed from the exact instant.
select
  order_id,
  cast(floor(extract(epoch from ordered_at) * 1000000) as bigint) as ordered_us,
  cast(floor(extract(epoch from updated_at) * 1000000) as bigint) as updated_us,
  status
from orders
where order_id is not null
  and status in ('pending', 'paid', 'shipped', 'delivered')
  and ordered_at >= :ordered_since
  and ordered_at < :ordered_before
  and updated_at < :updated_before
order by order_id, updated_at
