-- name:       sandbox_select_server_version
-- grain:      one row
-- keys:       none
-- depends-on: none
-- PGlite says so in its version string; the late commit needs to know.
select version() as version
