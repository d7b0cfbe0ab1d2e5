-- name:       orders_db_snapshot_horizon
-- grain:      one row
-- keys:       none
-- depends-on: pg_stat_activity, pg_current_snapshot()
-- Runs as the first statement of the run's REPEATABLE READ transaction, so
-- the snapshot and the look at open transactions are taken together. A
-- writer that stamps updated_at = now() stamps its transaction's start: until
-- it commits, rows older than that start can still appear, so the window must
-- stop there. Only transactions of this database that hold an xid (have
-- written) can add rows; our own read-only one never holds one.
select
  pg_snapshot_xmin(pg_current_snapshot())::text as snapshot_xmin,
  (
    select date_trunc('milliseconds', min(activity.xact_start))
    from pg_stat_activity as activity
    where activity.datname = current_database()
      and activity.backend_xid is not null
      and activity.pid <> pg_backend_pid()
  ) as oldest_open_xact_start,
  (
    select count(*)
    from pg_stat_activity as activity
    where activity.datname = current_database()
      and activity.backend_xid is not null
      and activity.pid <> pg_backend_pid()
  ) as open_writers,
  pg_has_role(current_user, 'pg_read_all_stats', 'member') as sees_all_sessions
