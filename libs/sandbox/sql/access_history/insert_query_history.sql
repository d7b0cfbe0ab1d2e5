-- name:       insert_query_history
-- grain:      one query's role
-- keys:       query_id
-- depends-on: create_access_history
insert into account_usage.query_history (query_id, role_name)
values (:query_id, :role_name)
