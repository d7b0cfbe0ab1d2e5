-- name:       orders_db_open_transactions
-- grain:      one row
-- keys:       none
-- depends-on: pg_stat_activity
-- Read before the run's snapshot is taken, outside its transaction: then a
-- transaction that commits after the snapshot was either open here (and
-- holds the window at its start) or began after observed_at (and stamps
-- now() at or after it). Read inside the snapshot's statement instead, a
-- writer committing between the two would be neither in the snapshot nor
-- seen open. Every open transaction counts, not only those holding an xid:
-- one that has only read so far may still insert rows stamped now(), its
-- start. Sessions of this same application are extract runs (other shards,
-- other modes), read only by construction, and are left out.
-- statement_timestamp(), not clock_timestamp(): it precedes the read of
-- pg_stat_activity. Both instants are truncated down to JavaScript's
-- millisecond, never rounded past the true start.
with open_transactions as (
  select activity.pid, activity.application_name, activity.xact_start
  from pg_stat_activity as activity
  where activity.datname = current_database()
    and activity.backend_type = 'client backend'
    and activity.xact_start is not null
    and activity.pid <> pg_backend_pid()
    and activity.application_name is distinct from current_setting('application_name')
),

oldest_open as (
  select pid, application_name, xact_start
  from open_transactions
  order by xact_start, pid
  limit 1
)

select
  date_trunc('milliseconds', statement_timestamp()) as observed_at,
  (select date_trunc('milliseconds', xact_start) from oldest_open) as oldest_open_xact_start,
  (select pid from oldest_open) as oldest_open_pid,
  (select application_name from oldest_open) as oldest_open_application,
  (select count(*) from open_transactions) as open_transactions,
  pg_has_role(current_user, 'pg_read_all_stats', 'member') as sees_all_sessions
