-- One COPY for many files: each statement costs a compile and a warehouse
-- round trip, which for a backfill's thousands of parts is most of the
-- load. The files share the manifest's run id and extraction time
-- (literals: COPY takes constants); each row's file comes from
-- metadata$filename, cut to the raw-zone key (the stage may report a
-- longer path). The COPY's own result (one row per file: status,
-- rows_loaded) is checked against the manifest by the loader.
-- force = true: ops.file_loads decides what is loaded (see load_raw_file).
copy into raw.orders_db__orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
from (
  select $1:"order_id"::number(38, 0), $1:"customer_id"::number(38, 0), $1:"status"::varchar, $1:"currency"::varchar, $1:"subtotal"::number(14, 2), $1:"tax"::number(14, 2), $1:"shipping"::number(14, 2), $1:"total"::number(14, 2), $1:"ordered_at"::timestamp_tz, $1:"paid_at"::timestamp_tz, $1:"shipped_at"::timestamp_tz, $1:"delivered_at"::timestamp_tz, $1:"cancelled_at"::timestamp_tz, $1:"created_at"::timestamp_tz, $1:"updated_at"::timestamp_tz, 'backfill-20261129', regexp_substr(metadata$filename, 'orders_db/orders/.*$'), metadata$file_row_number, to_timestamp_tz('2026-11-30T01:05:00.250000Z'), to_timestamp_tz('2026-11-30T01:20:00Z')
  from @raw_zone
)
files = ('orders_db/orders/load_date=2026-11-29/hour=00/run=backfill-20261129/part-00000-a1.parquet', 'orders_db/orders/load_date=2026-11-29/hour=00/run=backfill-20261129/part-00001-a1.parquet', 'orders_db/orders/load_date=2026-11-29/hour=00/run=backfill-20261129/part-00002-a1.parquet')
file_format = (type = parquet, use_logical_type = true)
on_error = abort_statement
force = true;
