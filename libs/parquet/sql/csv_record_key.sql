-- name:       csv_record_key
-- grain:      one row: the record of a CSV part that did not convert
-- keys:       none
-- depends-on: none

-- Every field is read as text, so the record that failed to convert still
-- reads; only its business key is selected, to name it in the error.
select
  {{ key_list }}
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
limit 1 offset cast(:record_offset as bigint)
