-- name:       held_rows
-- grain:      one row: the rows a backfill's chunks hold for one entity
-- keys:       none
-- depends-on: raw_backfill.<source>__<entity> (a backfill chunk's load, load --hold)

select count(*) as held_rows from {{ held_table }}
