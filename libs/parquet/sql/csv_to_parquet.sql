-- name:       csv_to_parquet
-- grain:      one row per CSV record
-- keys:       none
-- depends-on: none

-- Columns are read under positional names (c0, c1, ...) and renamed in the
-- select list, so a contract name never has to survive read_csv's struct.
-- Dictionaries only for columns of at most 2048 distinct values per row
-- group (statuses, currencies, categories): building one for ids, amounts
-- and timestamps cost ~12% of the conversion's CPU and made files larger
-- than ZSTD alone (docs/performance.md). The read buffer is sized to the
-- part's longest record (csv-read-buffer.ts), not DuckDB's 32 MB default.
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
    strict_mode = true,
    buffer_size = cast(:buffer_size as ubigint),
    max_line_size = cast(:max_line_size as ubigint)
  )
) to :parquet_path (format parquet, compression zstd, row_group_size 122880, parquet_version v1, dictionary_size_limit 2048)
