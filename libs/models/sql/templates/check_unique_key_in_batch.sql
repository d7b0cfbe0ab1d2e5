-- name:       check_unique_key_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: set per model by keyChecks: the model whose grain is checked
-- table:      set per model
-- severity:   error
-- scope:      batch

-- check_unique_key for the keys this run wrote: its cost follows the hour's changes.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select {{ key_columns }}, count(*) as copies
  from {{ table }}
  where {{ key_tuple }} in (select {{ key_columns }} from {{ table }} where _run_id = :run_id)
  group by {{ key_columns }}
  having count(*) > 1
) as duplicated
