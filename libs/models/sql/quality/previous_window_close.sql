-- name:       previous_window_close
-- grain:      one row
-- keys:       none
-- depends-on: ops.source_freshness

-- The source's latest window close recorded by an earlier run: this run's
-- rows with a cursor older than it arrived late.
select max(window_closed_at) as window_closed_at
from ops.source_freshness
where source = :source
  and run_id <> :run_id
