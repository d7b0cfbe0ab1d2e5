-- _row_number counts from 1, as Snowflake's METADATA$FILE_ROW_NUMBER does,
-- so a raw row names the same record on both engines.
-- hive_partitioning = false: raw-zone keys hold load_date=, hour=, run= and
-- shard= segments, which DuckDB would otherwise read as columns that shadow
-- a file column of the same name; Snowflake reads only the file's columns.
insert into raw.orders_db__orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
select order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, $1, $2, file_row_number + 1, $3, $4
from read_parquet($5, file_row_number = true, hive_partitioning = false);
-- binds:
--   1: "hourly-2026112910"
--   2: "orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet"
--   3: Date(2026-11-29T10:05:00.250Z)
--   4: Date(2026-11-29T10:20:00.000Z)
--   5: "s3://northstar-raw-prod/orders_db/orders/load_date=2026-11-29/hour=10/run=hourly-2026112910/part-00000.parquet"
