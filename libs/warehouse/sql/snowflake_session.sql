-- name:       snowflake_session
-- grain:      one session
-- keys:       none
-- depends-on: none

-- UTC everywhere, so current_timestamp() and timestamp_tz text agree with DuckDB.
alter session set timezone = 'UTC'
