-- name:       orders_db_extract_key_set
-- grain:      one row per source row (the whole table, no window: a key missing here was deleted)
-- keys:       the entity's business key
-- depends-on: none (reads the source table named by the stream)
copy (
  select
    {{ key }},
    {{ cursor }},
    ({{ created_at }} at time zone 'UTC')::date
  from {{ table }}
) to stdout with (format csv)
