-- name:       check_unique_key
-- grain:      one result per run
-- keys:       none
-- depends-on: set per model by keyChecks: the model whose grain is checked
-- table:      set per model
-- severity:   error
-- scope:      table

-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select {{ key_columns }}, count(*) as copies
  from {{ table }}
  where {{ key_is_not_null }}
  group by {{ key_columns }}
  having count(*) > 1
) as duplicated
