-- name:       session_time_zone
-- grain:      none (session setting)
-- keys:       none
-- depends-on: none

-- Timestamps without an offset are read as UTC, whatever the host's zone.
set TimeZone = 'UTC'
