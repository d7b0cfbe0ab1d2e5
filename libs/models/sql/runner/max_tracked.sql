-- name:       max_tracked
-- grain:      one row
-- keys:       none
-- depends-on: the table a model tracks
select max({{ column }}) as batch_end
from {{ table }}
