-- name:       orders_db_snapshot_xmin
-- grain:      one row
-- keys:       none
-- depends-on: pg_current_snapshot()
-- The first statement of the run's REPEATABLE READ transaction: it fixes the
-- snapshot every entity of the run is read from. The xmin goes into the
-- manifests, to say which transactions the snapshot could not see.
select pg_snapshot_xmin(pg_current_snapshot())::text as snapshot_xmin
