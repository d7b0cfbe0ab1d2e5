-- name:       check_not_null_key_in_batch
-- grain:      one result per run
-- keys:       none
-- depends-on: set per model by keyChecks: the model whose grain is checked
-- table:      set per model
-- severity:   error
-- scope:      batch

-- check_not_null_key for the rows this run wrote.
select count(*) as failing_rows
from {{ table }}
where _run_id = :run_id
  and {{ key_is_null }}
