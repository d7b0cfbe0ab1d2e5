-- name:       take_load_lock
-- grain:      one row: the load that holds the source
-- keys:       none
-- depends-on: none

-- Creating a table is atomic on both engines: of two loads that try at once,
-- one creates it and the other fails, whatever isolation their DML runs at
-- (Snowflake enforces no keys, so a row-based lock could be taken twice).
-- The time is the warehouse's, so clocks of the loads' hosts never matter.
-- The holder (run id and a random suffix) arrives as a literal: DDL takes
-- no bind parameters on Snowflake.
create table {{ lock_table }} as
select
  cast({{ holder }} as varchar) as holder,
  current_timestamp as acquired_at
