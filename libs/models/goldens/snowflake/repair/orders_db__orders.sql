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
  from raw.orders_db__orders_digests
  order by _extracted_at desc, _run_id desc
  limit 1
),

source_days as (
  select d.created_day, d.row_count, d.amount_sum, d.state_sum
  from raw.orders_db__orders_digests as d
  inner join latest_digest as l on d._run_id = l._run_id
),

warehouse_days as (
  select
    cast(created_at as date) as created_day,
    count(*) as row_count,
    cast(sum(total_amount) as decimal(38, 2)) as amount_sum,
    sum(to_number(substr(md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~') || coalesce(cast(length(cast(lower(order_status) as varchar)) as varchar) || ':' || cast(lower(order_status) as varchar), '~')), 1, 8), 'XXXXXXXX')) as state_sum
  from staging.stg_orders_db__orders
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
order by created_day;

-- A key in one and not the other, or with another cursor. A row changed
-- without a cursor bump (an updated_at, or Stripe's created, which never
-- moves) differs in the digest's amount but not here. The key set keeps the
-- contract's names; staging may rename the key, cursor and creation time.
with latest_key_set as (
  select _run_id
  from raw.orders_db__orders_keys
  order by _extracted_at desc, _run_id desc
  limit 1
),

source_keys as (
  select k.order_id as business_key, k.updated_at as cursor_value
  from raw.orders_db__orders_keys as k
  inner join latest_key_set as l on k._run_id = l._run_id
  where k.created_day = cast(:1 as date)
),

warehouse_keys as (
  select order_id as business_key, updated_at as cursor_value
  from staging.stg_orders_db__orders
  where not is_deleted
    and cast(created_at as date) = cast(:1 as date)
),

final as (
  select coalesce(s.business_key, w.business_key) as business_key
  from source_keys as s
  full outer join warehouse_keys as w on s.business_key = w.business_key
  where s.business_key is null or w.business_key is null or s.cursor_value <> w.cursor_value
)

select business_key
from final
order by business_key
limit 50;
-- binds:
--   1: "2026-03-01"
