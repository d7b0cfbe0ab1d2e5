-- Additive drift: a partner added a column. Its values are kept in raw
-- (unmapped_columns) and the schema seen is in ops.schema_registry; staging
-- ignores it until the contract and the partner's mapping take it.
with failing as (
  select distinct partner || ' ' || file_name as failing_key
  from raw.partner_files__shipments
  where unmapped_columns is not null
    and _run_id = :1
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5;
-- binds:
--   1: "hourly-20261129T10"
