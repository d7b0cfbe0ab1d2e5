-- Every field is read as text, so the record that failed to convert still
-- reads; only its business key is selected, to name it in the error.
select
  c0 as order_id
from read_csv(
  $1,
  header = false,
  auto_detect = false,
  columns = {'c0': 'varchar', 'c1': 'varchar'},
  delim = ',',
  quote = '"',
  escape = '"',
  allow_quoted_nulls = false,
  strict_mode = true,
  buffer_size = cast($2 as ubigint),
  max_line_size = cast($3 as ubigint)
)
limit 1 offset cast($4 as bigint)
