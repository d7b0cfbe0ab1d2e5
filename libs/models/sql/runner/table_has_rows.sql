-- name:       table_has_rows
-- grain:      one row
-- keys:       none
-- depends-on: the target of a static model
select count(*) as rows_found
from (select 1 as present from {{ table }} limit 1) as probe
