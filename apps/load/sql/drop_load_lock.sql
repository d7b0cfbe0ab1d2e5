-- name:       drop_load_lock
-- grain:      none (DDL)
-- keys:       none
-- depends-on: the lock table take_load_lock.sql creates
drop table if exists {{ lock_table }}
