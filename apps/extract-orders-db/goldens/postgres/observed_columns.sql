select
  column_name,
  data_type,
  numeric_precision,
  numeric_scale
from information_schema.columns
where table_schema = $1
  and table_name = $2
order by ordinal_position;
-- binds:
--   1: "public"
--   2: "orders"
