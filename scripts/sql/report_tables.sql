-- name:       report_tables
-- grain:      one row per warehouse table in the modelled layers
-- keys:       table_schema, table_name
-- depends-on: information_schema.tables
select table_schema, table_name
from information_schema.tables
where table_schema in ('raw', 'staging', 'curated', 'analytics')
order by
  case table_schema when 'raw' then 1 when 'staging' then 2 when 'curated' then 3 else 4 end,
  table_name
