-- name:       fact_month_rows
-- grain:      one row: how many rows of one fact table fall in one month of its date column
-- keys:       none
-- depends-on: curated.fct_*
select count(*) as row_count
from {{ table }}
where {{ date_column }} >= :month_start
  and {{ date_column }} < :month_end
