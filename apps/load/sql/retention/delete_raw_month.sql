-- name:       delete_raw_month
-- grain:      the rows of one raw table extracted in one month
-- keys:       _extracted_at range
-- depends-on: raw_month_files (its archive check passed first)
delete from {{ table }}
where _extracted_at >= :month_start
  and _extracted_at < :month_end
