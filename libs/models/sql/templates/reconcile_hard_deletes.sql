-- name:       reconcile_hard_deletes
-- grain:      one row per staged row of an entity, flagged or unflagged in place (the model owns no table)
-- keys:       the entity's business key ({{ key_set_key }} in the key set, {{ staged_key }} in staging)
-- depends-on: set per entity by reconcileModels: the staging model and the raw key set
-- tracks:     set per entity: the key set's _loaded_at

-- Rendered once per entity (reconcile_<source>__<entity>), with the entity's
-- staging table, key-set table and key from its contract, and the key and
-- cursor as its staging model names them.
-- Hard deletes: the nightly key set lists every key in the source. A staged
-- row whose key is missing from the latest set, and that was not written after
-- the set was taken, was deleted in the source: it is flagged, never removed.
-- deleted_at is when the set was extracted (the delete happened before that).
--
-- A flag is withdrawn when a set extracted after deleted_at holds the key
-- again: the key set is the only evidence of a delete, and a row that rarely
-- changes may bring no newer version to clear a false flag (one written after
-- the snapshot of the set that flagged it). A set extracted at or before
-- deleted_at, the flagging set itself replayed included, changes nothing,
-- so replaying a night is idempotent.
-- Changed rows get a new _staged_at so the curated MERGEs pick the flag up.

merge into {{ staging_table }} as target
using (
  with key_runs as (
    select _run_id, max(_extracted_at) as extracted_at
    from {{ key_set_table }}
    where _loaded_at <= :batch_end
    group by _run_id
  ),

  latest_run as (
    select _run_id, extracted_at
    from key_runs
    qualify row_number() over (order by extracted_at desc, _run_id desc) = 1
  ),

  latest_keys as (
    select distinct key_set.{{ key_set_key }} as business_key
    from {{ key_set_table }} as key_set
    inner join latest_run on key_set._run_id = latest_run._run_id
    where key_set.{{ key_set_key }} is not null
  ),

  vanished as (
    select staged.{{ staged_key }} as business_key, latest_run.extracted_at
    from {{ staging_table }} as staged
    cross join latest_run
    where not staged.is_deleted
      and staged.{{ cursor }} <= latest_run.extracted_at
      and not exists (select 1 from latest_keys where latest_keys.business_key = staged.{{ staged_key }})
  ),

  reappeared as (
    select staged.{{ staged_key }} as business_key
    from {{ staging_table }} as staged
    cross join latest_run
    where staged.is_deleted
      and staged.deleted_at < latest_run.extracted_at
      and exists (select 1 from latest_keys where latest_keys.business_key = staged.{{ staged_key }})
  ),

  final as (
    select business_key, true as is_deleted, extracted_at as deleted_at
    from vanished
    union all
    select business_key, false as is_deleted, cast(null as {{ ts_type() }}) as deleted_at
    from reappeared
  )

  select * from final
) as source
on target.{{ staged_key }} = source.business_key
when matched then update set
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  _staged_at = :now;
