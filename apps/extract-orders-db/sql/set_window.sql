-- name:       orders_db_set_window
-- grain:      one row
-- keys:       none
-- depends-on: none
select
  set_config('northstar.window_start', :window_start, true) as window_start,
  set_config('northstar.window_end', :window_end, true) as window_end
