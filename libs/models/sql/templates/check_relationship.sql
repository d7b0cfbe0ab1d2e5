-- name:       check_relationship
-- grain:      up to five failing keys per run, each with the failing row count
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the fact and the dimension
-- table:      set per declaration
-- severity:   set per declaration
-- scope:      set per declaration

-- Fact rows whose {{ column }} finds no row of {{ parent }}: an orphan. An
-- inferred member is a row, so it is not counted here (check_inferred_members
-- counts those apart).
with failing as (
  select cast(fact.{{ key }} as varchar) as failing_key
  from {{ table }} as fact
  where (cast(:whole_table as boolean) or fact._run_id = :run_id)
    and fact.{{ column }} is not null
    and not exists (
      select 1
      from {{ parent }} as parent
      where parent.{{ parent_column }} = fact.{{ column }}
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
