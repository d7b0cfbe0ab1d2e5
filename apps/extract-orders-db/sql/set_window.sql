-- name:       orders_db_set_window
-- grain:      one row
-- keys:       none
-- depends-on: none
-- Values for the COPY that follows in the same transaction (COPY takes no
-- bind parameters). A shard count of 1 means unsharded.
select
  set_config('northstar.window_start', :window_start, true) as window_start,
  set_config('northstar.window_end', :window_end, true) as window_end,
  set_config('northstar.shard_index', :shard_index, true) as shard_index,
  set_config('northstar.shard_count', :shard_count, true) as shard_count
