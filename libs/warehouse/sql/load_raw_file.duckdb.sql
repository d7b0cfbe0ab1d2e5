-- name:       load_raw_file
-- grain:      one row per record of one landed Parquet file
-- keys:       _source_file, _row_number
-- depends-on: none

-- _row_number counts from 1, as Snowflake's METADATA$FILE_ROW_NUMBER does,
-- so a raw row names the same record on both engines.
-- hive_partitioning = false: raw-zone keys hold load_date=, hour=, run= and
-- shard= segments, which DuckDB would otherwise read as columns that shadow
-- a file column of the same name; Snowflake reads only the file's columns.
insert into {{ raw_table }} ({{ columns }}, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
select {{ columns }}, :run_id, :source_file, file_row_number + 1, :extracted_at, :loaded_at
from read_parquet(:location, file_row_number = true, hive_partitioning = false)
