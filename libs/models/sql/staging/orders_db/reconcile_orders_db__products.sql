-- name:       reconcile_orders_db__products
-- grain:      one row per product in staging.stg_orders_db__products, flagged in place (this model owns no table)
-- keys:       product_id
-- depends-on: stg_orders_db__products, raw.orders_db__products_keys
-- tracks:     raw.orders_db__products_keys._loaded_at

-- Hard deletes: the nightly key set lists every product_id in the source. A staged
-- row whose key is missing from the latest set, and that was not written after
-- the set was taken, was deleted in the source: it is flagged, never removed.
-- deleted_at is when the set was extracted (the delete happened before that).
-- Flagged rows get a new _staged_at so the curated MERGEs pick the flag up.

merge into staging.stg_orders_db__products as target
using (
  with key_runs as (
    select _run_id, max(_extracted_at) as extracted_at
    from raw.orders_db__products_keys
    where _loaded_at <= :batch_end
    group by _run_id
  ),

  latest_run as (
    select _run_id, extracted_at
    from key_runs
    qualify row_number() over (order by extracted_at desc, _run_id desc) = 1
  ),

  latest_keys as (
    select distinct key_set.product_id
    from raw.orders_db__products_keys as key_set
    inner join latest_run on key_set._run_id = latest_run._run_id
    where key_set.product_id is not null
  ),

  vanished as (
    select staged.product_id, latest_run.extracted_at
    from staging.stg_orders_db__products as staged
    cross join latest_run
    where not staged.is_deleted
      and staged.updated_at <= latest_run.extracted_at
      and not exists (select 1 from latest_keys where latest_keys.product_id = staged.product_id)
  ),

  final as (
    select product_id, extracted_at as deleted_at
    from vanished
  )

  select * from final
) as source
on target.product_id = source.product_id
when matched then update set
  is_deleted = true,
  deleted_at = source.deleted_at,
  _staged_at = :now;
