-- name:       orders_db_extract_window
-- grain:      one row per source row whose cursor lies in the run's window
-- keys:       the entity's business key (duplicates possible: staging dedups)
-- depends-on: none (reads the source table named by the stream)
-- The window bounds come from set_config() in the same transaction: COPY
-- takes no bind parameters, and the bounds must not be spliced into SQL text.
-- Each bound is a scalar subquery (an InitPlan, evaluated once per query):
-- a bare current_setting()::timestamptz in a seq scan's filter is parsed
-- again for every row, which doubled the server's CPU on a full-table read,
-- and the subquery's value can still drive an index scan on the cursor.
copy (
  select {{ columns }}
  from {{ table }}
  where {{ cursor }} >= (select current_setting('northstar.window_start')::timestamptz)
    and {{ cursor }} < (select current_setting('northstar.window_end')::timestamptz)
) to stdout with (format csv)
