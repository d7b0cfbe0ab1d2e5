-- name:       insert_access_history
-- grain:      one query's access record
-- keys:       query_id
-- depends-on: create_access_history
insert into account_usage.access_history (query_id, query_start_time, user_name, base_objects_accessed)
values (:query_id, :query_start_time, :user_name, :base_objects_accessed)
