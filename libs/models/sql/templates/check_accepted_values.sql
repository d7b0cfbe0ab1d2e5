-- name:       check_accepted_values
-- grain:      up to five failing keys per run, each with the failing row count
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the model checked
-- table:      set per declaration
-- severity:   set per declaration
-- scope:      set per declaration

-- Rows whose {{ column }} is none of the accepted values. The values come as
-- one bind parameter, ',a,b,c,' (declarations refuse commas in them), and
-- position() is spelled the same in DuckDB and Snowflake, so no list type or
-- generated IN list is needed. A null is not judged here (check_not_null is).
with failing as (
  select cast({{ key }} as varchar) as failing_key
  from {{ table }}
  where (cast(:whole_table as boolean) or _run_id = :run_id)
    and {{ column }} is not null
    and position(',' || cast({{ column }} as varchar) || ',' in :accepted) = 0
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
