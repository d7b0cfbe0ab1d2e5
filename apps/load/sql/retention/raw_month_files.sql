-- name:       raw_month_files
-- grain:      one row per landed file with rows of one raw table extracted in one month
-- keys:       source_file
-- depends-on: raw.<source>__<entity>
-- A month is [month_start, month_end) of _extracted_at: the same range the
-- delete removes, so every row deleted belongs to a file checked here.
select _source_file as source_file, count(*) as row_count
from {{ table }}
where _extracted_at >= :month_start
  and _extracted_at < :month_end
group by _source_file
order by _source_file
