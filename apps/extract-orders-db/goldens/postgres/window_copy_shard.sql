select
  set_config('northstar.window_start', $1, true) as window_start,
  set_config('northstar.window_end', $2, true) as window_end,
  set_config('northstar.shard_index', $3, true) as shard_index,
  set_config('northstar.shard_count', $4, true) as shard_count;
-- binds:
--   1: "2026-11-29T08:20:00.000Z"
--   2: "2026-11-29T09:59:00.125Z"
--   3: "2"
--   4: "4"

copy (
  select order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at
  from orders
  where updated_at >= (select current_setting('northstar.window_start')::timestamptz)
    and updated_at < (select current_setting('northstar.window_end')::timestamptz)
    and coalesce(abs(mod(hashtextextended(order_id::text, 0), (select current_setting('northstar.shard_count')::bigint))), 0)
      = (select current_setting('northstar.shard_index')::bigint)
) to stdout with (format csv);
