-- name:       clear_held_rows
-- grain:      none (empties one holding table)
-- keys:       none
-- depends-on: raw_backfill.<source>__<entity>, after publish_held_rows

-- In the publish transaction, after the copy to raw: a refused publish rolls
-- both back, so the rows stay held for the rerun.
delete from {{ held_table }}
