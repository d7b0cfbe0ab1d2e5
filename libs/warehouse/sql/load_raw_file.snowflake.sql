-- name:       load_raw_file
-- grain:      one row per record of one landed Parquet file
-- keys:       _source_file, _row_number
-- depends-on: none

-- COPY takes its file list and stage path as constants, not bind
-- parameters, so the run's values arrive as literals (none is a secret).
-- force = true: ops.file_loads decides what is loaded; Snowflake's own load
-- metadata forgets after 64 days and must not silently skip a file the
-- ledger says is new (e.g. after a raw table was rebuilt).
copy into {{ raw_table }} ({{ columns }}, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
from (
  select {{ stage_columns }}, {{ run_id }}, {{ source_file }}, metadata$file_row_number, to_timestamp_tz({{ extracted_at }}), to_timestamp_tz({{ loaded_at }})
  from @{{ stage }}
)
files = ({{ file }})
file_format = (type = parquet, use_logical_type = true)
on_error = abort_statement
force = true
