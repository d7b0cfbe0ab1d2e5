-- name:       oldest_before
-- grain:      one row: the oldest value of a table's date column before the cutoff
-- keys:       none
-- depends-on: raw.<source>__<entity> or curated.fct_*
-- The plan walks month by month from the oldest expired row's month.
select min({{ column }}) as oldest
from {{ table }}
where {{ column }} < :cutoff
