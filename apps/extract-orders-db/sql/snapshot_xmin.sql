-- name:       orders_db_snapshot_xmin
-- grain:      one row
-- keys:       none
-- depends-on: pg_current_snapshot()
-- Read right after source_clock.sql, in the run's REPEATABLE READ snapshot
-- that statement fixed. The xmin goes into the manifests, to say which
-- transactions the snapshot could not see.
select pg_snapshot_xmin(pg_current_snapshot())::text as snapshot_xmin
