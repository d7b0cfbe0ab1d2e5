-- COPY takes its file list and stage path as constants, not bind
-- parameters, so the run's values arrive as literals (none is a secret).
-- force = true: ops.file_loads decides what is loaded; Snowflake's own load
-- metadata forgets after 64 days and must not silently skip a file the
-- ledger says is new (e.g. after a raw table was rebuilt).
copy into raw.orders_db__orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
from (
  select $1:"order_id"::number(38, 0), $1:"customer_id"::number(38, 0), $1:"status"::varchar, $1:"currency"::varchar, $1:"subtotal"::number(14, 2), $1:"tax"::number(14, 2), $1:"shipping"::number(14, 2), $1:"total"::number(14, 2), $1:"ordered_at"::timestamp_tz, $1:"paid_at"::timestamp_tz, $1:"shipped_at"::timestamp_tz, $1:"delivered_at"::timestamp_tz, $1:"cancelled_at"::timestamp_tz, $1:"created_at"::timestamp_tz, $1:"updated_at"::timestamp_tz, 'hourly-2026112910', 'orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet', metadata$file_row_number, to_timestamp_tz('2026-11-29T10:05:00.250000Z'), to_timestamp_tz('2026-11-29T10:20:00Z')
  from @raw_zone
)
files = ('orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet')
file_format = (type = parquet, use_logical_type = true)
on_error = abort_statement
force = true;
