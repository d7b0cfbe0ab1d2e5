-- name:       raw_table
-- grain:      one row per source record as landed, append-only; re-extracted versions are new rows
-- keys:       _source_file, _row_number
-- depends-on: none
create table if not exists {{ table }} (
  {{ source_columns }},
  {{ load_columns }}
)
