-- name:       check_not_null_key
-- grain:      one result per run
-- keys:       none
-- depends-on: set per model by keyChecks: the model whose grain is checked
-- table:      set per model
-- severity:   error
-- scope:      table

-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}):
-- rows missing a key value or a part of one. Nightly, over the whole table.
select count(*) as failing_rows
from {{ table }}
where {{ key_is_null }}
