merge into staging.stg_orders_db__order_items as target
using (
  with key_runs as (
    select _run_id, max(_extracted_at) as extracted_at
    from raw.orders_db__order_items_keys
    where _loaded_at <= $1
    group by _run_id
  ),

  latest_run as (
    select _run_id, extracted_at
    from key_runs
    qualify row_number() over (order by extracted_at desc, _run_id desc) = 1
  ),

  latest_keys as (
    select distinct key_set.order_item_id as business_key
    from raw.orders_db__order_items_keys as key_set
    inner join latest_run on key_set._run_id = latest_run._run_id
    where key_set.order_item_id is not null
  ),

  vanished as (
    select staged.order_item_id as business_key, latest_run.extracted_at
    from staging.stg_orders_db__order_items as staged
    cross join latest_run
    where not staged.is_deleted
      and staged.updated_at <= latest_run.extracted_at
      and not exists (select 1 from latest_keys where latest_keys.business_key = staged.order_item_id)
  ),

  reappeared as (
    select staged.order_item_id as business_key
    from staging.stg_orders_db__order_items as staged
    cross join latest_run
    where staged.is_deleted
      and staged.deleted_at < latest_run.extracted_at
      and exists (select 1 from latest_keys where latest_keys.business_key = staged.order_item_id)
  ),

  final as (
    select business_key, true as is_deleted, extracted_at as deleted_at
    from vanished
    union all
    select business_key, false as is_deleted, cast(null as timestamptz) as deleted_at
    from reappeared
  )

  select * from final
) as source
on target.order_item_id = source.business_key
when matched then update set
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  _staged_at = $2;
-- binds:
--   1: Date(2026-11-29T10:20:00.500Z)
--   2: Date(2026-11-29T10:21:00.000Z)
