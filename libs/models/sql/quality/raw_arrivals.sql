-- name:       raw_arrivals
-- grain:      one row per raw table and run
-- keys:       none
-- depends-on: set per source entity by measureSourceFreshness: its raw table

-- What one run landed in {{ raw }}: rows, the extract's snapshot (the
-- earliest _extracted_at: when the window closed at the source), and late
-- rows: a cursor {{ cursor }} older than :window_start, the previous run's
-- snapshot, so committed after a window that should have held them (null on
-- a source's first run: nothing is late).
select
  count(*) as rows_landed,
  min(_extracted_at) as window_closed_at,
  coalesce(sum(case when {{ cursor }} < cast(:window_start as {{ ts_type() }}) then 1 else 0 end), 0) as late_rows
from {{ raw }}
where _run_id = :run_id
