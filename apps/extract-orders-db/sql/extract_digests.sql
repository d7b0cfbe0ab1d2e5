-- name:       orders_db_extract_digests
-- grain:      one row per UTC creation day of the source table
-- keys:       created_day
-- depends-on: none (reads the source table named by the stream)
-- The hash input is "key:cursor" per row in key order; the session runs with
-- TimeZone UTC and DateStyle ISO, so the text form of the cursor is stable.
-- state_sum sums hash_key_int over the key and the declared state columns,
-- as staging does in the warehouse (null when none are declared).
copy (
  select
    ({{ created_at }} at time zone 'UTC')::date as created_day,
    count(*) as row_count,
    sum({{ amount }}) as amount_sum,
    md5(string_agg(coalesce({{ key }}::text, '') || ':' || {{ cursor }}::text, ',' order by {{ key }}, {{ cursor }})) as key_hash,
    {{ state_sum }} as state_sum
  from {{ table }}
  group by 1
  order by 1
) to stdout with (format csv)
