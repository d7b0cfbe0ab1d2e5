-- name:       orders_db_extract_window_shard
-- grain:      one row per source row whose cursor lies in the run's window and whose key falls in this shard
-- keys:       the entity's business key (duplicates possible: staging dedups)
-- depends-on: none (reads the source table named by the stream)
-- Bounds and shard come from set_config() in the same transaction (see
-- set_window.sql). A key hashes to exactly one shard; a null key goes to
-- shard 0, so the shards of a run partition the window. Settings are read
-- in scalar subqueries, once per query, not once per row (see extract_window.sql).
copy (
  select {{ columns }}
  from {{ table }}
  where {{ cursor }} >= (select current_setting('northstar.window_start')::timestamptz)
    and {{ cursor }} < (select current_setting('northstar.window_end')::timestamptz)
    and coalesce(abs(mod(hashtextextended({{ shard_key }}::text, 0), (select current_setting('northstar.shard_count')::bigint))), 0)
      = (select current_setting('northstar.shard_index')::bigint)
) to stdout with (format csv)
