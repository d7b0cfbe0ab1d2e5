-- name:       csv_to_parquet
-- grain:      one row per CSV record
-- keys:       none
-- depends-on: none

-- Columns are read under positional names (c0, c1, ...) and renamed in the
-- select list, so a contract name never has to survive read_csv's struct.
copy (
  select
    {{ select_list }}
  from read_csv(
    :csv_path,
    header = false,
    auto_detect = false,
    columns = {{ csv_columns }},
    delim = ',',
    quote = '"',
    escape = '"',
    allow_quoted_nulls = false,
    strict_mode = true
  )
) to :parquet_path (format parquet, compression zstd, row_group_size 122880, parquet_version v1)
