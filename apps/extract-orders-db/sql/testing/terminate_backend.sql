-- name:       orders_db_testing_terminate_backend
-- grain:      one row per session terminated
-- keys:       pid
-- depends-on: none
-- Ends the sessions of one application name, as a failover or an operator would.
select pg_terminate_backend(pid) as terminated from pg_stat_activity where application_name = :application_name
