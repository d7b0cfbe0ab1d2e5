-- name:       differing_keys
-- grain:      one row per business key of one creation day that the latest key set and staging disagree on
-- keys:       business_key
-- depends-on: raw.<source>__<entity>_keys, staging.stg_<source>__<entity>

-- A key in one and not the other, or with another cursor. A row changed
-- without a cursor bump (an updated_at, or Stripe's created, which never
-- moves) differs in the digest's amount but not here. The key set keeps the
-- contract's names; staging may rename the key, cursor and creation time.
with latest_key_set as (
  select _run_id
  from {{ key_set_table }}
  order by _extracted_at desc, _run_id desc
  limit 1
),

source_keys as (
  select k.{{ key_set_key }} as business_key, k.{{ key_set_cursor }} as cursor_value
  from {{ key_set_table }} as k
  inner join latest_key_set as l on k._run_id = l._run_id
  where k.created_day = cast(:created_day as date)
),

warehouse_keys as (
  select {{ staged_key }} as business_key, {{ staged_cursor }} as cursor_value
  from {{ staging_table }}
  where not is_deleted
    and cast({{ created_at }} as date) = cast(:created_day as date)
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
limit 50
