-- name:       move_load_lock
-- grain:      none (DDL)
-- keys:       none
-- depends-on: the lock table take_load_lock.sql creates

-- Taking over a stale lock by renaming it: only one of two loads that try at
-- once can rename it (the other finds no table), where two drops could both
-- succeed and remove a lock just taken.
alter table {{ lock_table }} rename to {{ moved_table }}
