-- name:       sandbox_faults_terminate_extractor_sessions
-- grain:      one row per session ended
-- keys:       pid
-- depends-on: none
-- What the extractor sees when its server restarts: every session of the
-- application in the database ends at once (57P01). in_copy says whether the
-- session was streaming a COPY at that moment.
select pid, query ilike 'copy%' and state = 'active' as in_copy, pg_terminate_backend(pid) as terminated
from pg_stat_activity
where datname = :database
  and application_name = :application_name
  and pid <> pg_backend_pid()
