-- name:       source_freshness
-- grain:      one row per run and source, for the last :run_limit measurements
-- keys:       run_id, source
-- depends-on: ops.source_freshness

select run_id, source, window_closed_at, published_at, lag_minutes, rows_landed, late_rows
from ops.source_freshness
order by window_closed_at desc
limit :run_limit
