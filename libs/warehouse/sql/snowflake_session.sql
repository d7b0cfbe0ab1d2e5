-- name:       snowflake_session
-- grain:      one session
-- keys:       none
-- depends-on: none

-- Every setting that changes what a statement returns is pinned here, not
-- left to the account's or the user's defaults, which an administrator may
-- change: UTC everywhere, so current_timestamp() and timestamp_tz text agree
-- with DuckDB; timestamps cast to text (as hash_key does for row hashes) with
-- microseconds and an explicit offset, so a changed output format can never
-- rewrite every hash; NULLs last ascending and first descending, Snowflake's
-- own default, which the DuckDB session sets to match.
alter session set timezone = 'UTC';
alter session set timestamp_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM';
alter session set timestamp_tz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM';
alter session set timestamp_ltz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6 TZHTZM';
alter session set timestamp_ntz_output_format = 'YYYY-MM-DD HH24:MI:SS.FF6';
alter session set default_null_ordering = 'LAST'
