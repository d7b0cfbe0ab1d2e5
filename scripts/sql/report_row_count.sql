-- name:       report_row_count
-- grain:      one row
-- keys:       none
-- depends-on: the table named
select count(*) as row_count
from {{ table }}
