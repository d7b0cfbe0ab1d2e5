-- name:       record_source_freshness
-- grain:      one row per run and source
-- keys:       run_id, source
-- depends-on: ops.source_freshness
merge into ops.source_freshness as target
using (
  select
    cast(:run_id as varchar) as run_id,
    cast(:source as varchar) as source,
    cast(:window_closed_at as {{ ts_type() }}) as window_closed_at,
    cast(:published_at as {{ ts_type() }}) as published_at,
    cast(:lag_minutes as double) as lag_minutes,
    cast(:rows_landed as bigint) as rows_landed,
    cast(:late_rows as bigint) as late_rows
) as measured
on target.run_id = measured.run_id and target.source = measured.source
when matched then update set
  window_closed_at = measured.window_closed_at,
  published_at = measured.published_at,
  lag_minutes = measured.lag_minutes,
  rows_landed = measured.rows_landed,
  late_rows = measured.late_rows,
  measured_at = :now
when not matched then insert (run_id, source, window_closed_at, published_at, lag_minutes, rows_landed, late_rows, measured_at)
values (measured.run_id, measured.source, measured.window_closed_at, measured.published_at, measured.lag_minutes, measured.rows_landed, measured.late_rows, :now)
