-- name:       read_load_lock
-- grain:      one row: the load that holds the source
-- keys:       none
-- depends-on: the lock table take_load_lock.sql creates

-- The warehouse's clock beside the lock's time, so its age is measured on
-- one clock.
select
  holder,
  acquired_at,
  current_timestamp as checked_at
from {{ lock_table }}
