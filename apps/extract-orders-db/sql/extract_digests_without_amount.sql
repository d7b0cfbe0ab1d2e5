-- name:       orders_db_extract_digests_without_amount
-- grain:      one row per UTC creation day of the source table
-- keys:       created_day
-- depends-on: none (reads the source table named by the stream)
-- As extract_digests.sql, for entities with no amount column to sum.
copy (
  select
    ({{ created_at }} at time zone 'UTC')::date as created_day,
    count(*) as row_count,
    null::numeric as amount_sum,
    md5(string_agg(coalesce({{ key }}::text, '') || ':' || {{ cursor }}::text, ',' order by {{ key }}, {{ cursor }})) as key_hash,
    {{ state_sum }} as state_sum
  from {{ table }}
  group by 1
  order by 1
) to stdout with (format csv)
