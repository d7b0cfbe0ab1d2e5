-- Columns are read under positional names (c0, c1, ...) and renamed in the
-- select list, so a contract name never has to survive read_csv's struct.
-- Dictionaries only for columns of at most 2048 distinct values per row
-- group (statuses, currencies, categories): building one for ids, amounts
-- and timestamps cost ~12% of the conversion's CPU and made files larger
-- than ZSTD alone (docs/performance.md). The read buffer is sized to the
-- part's longest record (csv-read-buffer.ts), not DuckDB's 32 MB default.
copy (
  select
    c0 as customer_id,
    sha256(getvariable('northstar_mask_key')[2] || unhex(sha256(getvariable('northstar_mask_key')[1] || encode(c1)))) as "Email Address",
    c2 as "order",
    c3 as "it's"
  from read_csv(
    $1,
    header = false,
    auto_detect = false,
    columns = {'c0': 'bigint', 'c1': 'varchar', 'c2': 'decimal(38, 9)', 'c3': 'timestamptz'},
    delim = ',',
    quote = '"',
    escape = '"',
    allow_quoted_nulls = false,
    strict_mode = true,
    buffer_size = cast($2 as ubigint),
    max_line_size = cast($3 as ubigint)
  )
) to $4 (format parquet, compression zstd, row_group_size 122880, parquet_version v1, dictionary_size_limit 2048)
