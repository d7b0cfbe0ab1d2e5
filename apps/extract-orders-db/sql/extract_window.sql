-- name:       orders_db_extract_window
-- grain:      one row per source row whose cursor lies in the run's window
-- keys:       the entity's business key (duplicates possible: staging dedups)
-- depends-on: none (reads the source table named by the stream)
-- The window bounds come from set_config() in the same transaction: COPY
-- takes no bind parameters, and the bounds must not be spliced into SQL text.
copy (
  select {{ columns }}
  from {{ table }}
  where {{ cursor }} >= current_setting('northstar.window_start')::timestamptz
    and {{ cursor }} < current_setting('northstar.window_end')::timestamptz
) to stdout with (format csv)
