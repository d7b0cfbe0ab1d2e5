with writers as (
  select activity.pid, activity.application_name, activity.xact_start
  from pg_stat_activity as activity
  where activity.datname = current_database()
    and activity.backend_xid is not null
    and activity.pid <> pg_backend_pid()
),

oldest_writer as (
  select pid, application_name, xact_start
  from writers
  order by xact_start, pid
  limit 1
)

select
  pg_snapshot_xmin(pg_current_snapshot())::text as snapshot_xmin,
  (select date_trunc('milliseconds', xact_start) from oldest_writer) as oldest_open_xact_start,
  (select pid from oldest_writer) as oldest_writer_pid,
  (select application_name from oldest_writer) as oldest_writer_application,
  (select count(*) from writers) as open_writers,
  pg_has_role(current_user, 'pg_read_all_stats', 'member') as sees_all_sessions;
