-- name:       create_schema
-- grain:      one schema
-- keys:       schema name
-- depends-on: none
create schema if not exists {{ schema }}
