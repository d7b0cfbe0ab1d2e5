-- name:       differing_days
-- grain:      one row per creation day where the latest nightly digest and staging disagree
-- keys:       created_day
-- depends-on: raw.<source>__<entity>_digests, staging.stg_<source>__<entity>

-- The source's figures come from the latest digest run; days from the
-- digest's snapshot day on are left out (rows created that day were still
-- arriving), and so are days before its first: an API's digests cover a
-- lookback and hold a row for each of its days, empty ones too; a whole-table
-- digest starts at its oldest row, and older staged rows gone from the source
-- are the hard-delete reconciliation's. Rows flagged deleted are not in the
-- source any more. state_sum (a sum of per-row hashes of the key and the
-- entity's state columns) catches a status that moved without the count or
-- amount; a digest without one (landed before it, or an entity declaring no
-- state) compares count and amount only.
with latest_digest as (
  select _run_id, _extracted_at
  from {{ digest_table }}
  order by _extracted_at desc, _run_id desc
  limit 1
),

source_days as (
  select d.created_day, d.row_count, d.amount_sum, d.state_sum
  from {{ digest_table }} as d
  inner join latest_digest as l on d._run_id = l._run_id
),

warehouse_days as (
  select
    cast({{ created_at }} as date) as created_day,
    count(*) as row_count,
    cast(sum({{ amount }}) as decimal(38, 2)) as amount_sum,
    {{ state_sum }} as state_sum
  from {{ staging_table }}
  where not is_deleted
  group by 1
),

final as (
  select
    coalesce(s.created_day, w.created_day) as created_day,
    coalesce(s.row_count, 0) as source_rows,
    s.amount_sum as source_amount,
    coalesce(w.row_count, 0) as warehouse_rows,
    w.amount_sum as warehouse_amount,
    s.state_sum as source_state_sum,
    w.state_sum as warehouse_state_sum
  from source_days as s
  full outer join warehouse_days as w on s.created_day = w.created_day
  where coalesce(s.created_day, w.created_day) < (select cast(_extracted_at as date) from latest_digest)
    and coalesce(s.created_day, w.created_day) >= (select min(created_day) from source_days)
    and (
      coalesce(s.row_count, 0) <> coalesce(w.row_count, 0)
      or coalesce(s.amount_sum, 0) <> coalesce(w.amount_sum, 0)
      or coalesce(s.state_sum <> coalesce(w.state_sum, 0), false)
    )
)

select created_day, source_rows, source_amount, warehouse_rows, warehouse_amount, source_state_sum, warehouse_state_sum
from final
order by created_day
