-- name:       sandbox_drop_database
-- grain:      DDL
-- keys:       none
-- depends-on: none
-- with (force) ends sessions a failed test left behind.
drop database if exists {{ database }} with (force)
