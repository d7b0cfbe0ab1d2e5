-- name:       delete_fact_month
-- grain:      the rows of one fact table in one month of its date column
-- keys:       date column range
-- depends-on: fact_month_rows (the raw months it derives from passed their archive check)
delete from {{ table }}
where {{ date_column }} >= :month_start
  and {{ date_column }} < :month_end
