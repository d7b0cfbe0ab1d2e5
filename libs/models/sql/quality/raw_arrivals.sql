-- name:       raw_arrivals
-- grain:      one row per raw table and run
-- keys:       none
-- depends-on: set per source entity by measureSourceFreshness: its raw table

-- What one run landed in {{ raw }}: rows, the extract's snapshot (the
-- earliest _extracted_at: when the window closed at the source), and late
-- rows: a cursor {{ cursor }} older than :window_start (the previous run's
-- snapshot; null on a source's first run, when nothing is late), committed
-- after the window that should have held them. A version an earlier run
-- already landed (same key and cursor: the lookback's overlap re-read) is not
-- late; earlier runs are searched back to :seen_since, loaded in the last day.
with arrived as (
  select {{ key }} as business_key, {{ cursor }} as cursor_value, _extracted_at
  from {{ raw }}
  where _run_id = :run_id
),

seen_before as (
  select distinct {{ key }} as business_key, {{ cursor }} as cursor_value
  from {{ raw }}
  where _run_id <> :run_id
    and _loaded_at >= :seen_since
    and {{ cursor }} < cast(:window_start as {{ ts_type() }})
),

final as (
  select
    count(*) as rows_landed,
    min(arrived._extracted_at) as window_closed_at,
    coalesce(sum(case when arrived.cursor_value < cast(:window_start as {{ ts_type() }}) and seen_before.business_key is null then 1 else 0 end), 0) as late_rows
  from arrived
  left join seen_before
    on seen_before.business_key = arrived.business_key
    and seen_before.cursor_value = arrived.cursor_value
)

select * from final
