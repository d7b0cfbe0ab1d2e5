-- name:       check_inferred_members
-- grain:      up to five failing keys per run, each with the failing row count
-- keys:       none
-- depends-on: set per declaration by declaredChecks: the fact and the dimension
-- table:      set per declaration
-- severity:   warn
-- scope:      set per declaration

-- Fact rows joined to an inferred member of {{ parent }} (a parent that had
-- not landed when the fact did): not an error, counted apart from orphans so
-- a parent that never arrives shows as a count that does not fall.
with failing as (
  select cast(fact.{{ key }} as varchar) as failing_key
  from {{ table }} as fact
  where (cast(:whole_table as boolean) or fact._run_id = :run_id)
    and exists (
      select 1
      from {{ parent }} as parent
      where parent.{{ parent_column }} = fact.{{ column }}
        and parent.{{ inferred }}
    )
)

select count(*) over () as failing_rows, failing_key
from failing
order by failing_key
limit 5
