-- name:       load_raw_files
-- grain:      one row per record of up to 1,000 landed Parquet files of one manifest
-- keys:       _source_file, _row_number
-- depends-on: none

-- One COPY for many files: each statement costs a compile and a warehouse
-- round trip, which for a backfill's thousands of parts is most of the
-- load. The files share the manifest's run id and extraction time
-- (literals: COPY takes constants); each row's file comes from
-- metadata$filename, cut to the raw-zone key (the stage may report a
-- longer path). The COPY's own result (one row per file: status,
-- rows_loaded) is checked against the manifest by the loader.
-- force = true: ops.file_loads decides what is loaded (see load_raw_file).
copy into {{ raw_table }} ({{ columns }}, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
from (
  select {{ stage_columns }}, {{ run_id }}, regexp_substr(metadata$filename, {{ key_pattern }}), metadata$file_row_number, to_timestamp_tz({{ extracted_at }}), to_timestamp_tz({{ loaded_at }})
  from @{{ stage }}
)
files = ({{ files }})
file_format = (type = parquet, use_logical_type = true)
on_error = abort_statement
force = true
