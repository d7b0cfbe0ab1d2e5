-- name:       staging_model
-- grain:      one row per business key: the latest version by the cursor, then extraction time, then file and row
-- keys:       set per model: the contract's business key, as the model's select names it ({{ key_columns }})
-- depends-on: set per model by stagingModel: the entity's raw table
-- tracks:     set per model: the raw table's _loaded_at

-- Rendered for each staging model file (sql/staging/<source>/stg_<source>__<entity>.sql),
-- which writes only its header and its renaming and casting select; the key,
-- the cursor and the columns' types come from the entity's contract.
--
-- Rows with a null key part cannot be keyed: they go to ops.quarantine, not to staging.
-- Within a batch the latest version of a key wins (cursor, then the model's
-- `tie-break:` column when it has one, then extraction time, file and row:
-- deterministic). Against the staged row it wins when its cursor is newer, or
-- equal with a newer tie-break, or equal with different content (_row_hash:
-- every contract column but the key, as landed), extracted later and a
-- tie-break no older (a later page repeating an older version changes nothing).
-- A model whose source flags deletes in the record itself (`deleted-when:` a
-- condition on the raw row, such as Zendesk's status 'deleted') takes
-- is_deleted from its newest version, dated by that version's cursor.
-- Otherwise is_deleted/deleted_at are set by reconcile_<source>__<entity>, and cleared by
-- it when a later key set holds the key again. Here only a version written
-- after the delete was observed (cursor > deleted_at: a re-inserted or updated
-- row) clears them; one merely newer than the staged version may be a
-- pre-delete extract loaded late, and an overlap re-read is older still.
-- _run_id is the run that staged the row, not the one that extracted it
-- (that one is in _source_file): rows a refused publish left in raw are
-- staged by a later run, and that run's batch checks must see them.

create table if not exists {{ staging_table }} (
  {{ staged_columns }},
  is_deleted boolean not null,
  deleted_at {{ ts_type() }},
  _row_hash varchar not null,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at {{ ts_type() }} not null,
  _loaded_at {{ ts_type() }} not null,
  _staged_at {{ ts_type() }} not null
){{ cluster_by }};

insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
select
  _run_id,
  {{ source_name }},
  {{ entity_name }},
  _source_file,
  _row_number,
  {{ quarantine_reason }},
  {{ row_json(raw_row) }},
  :now
from {{ raw_table }} as raw_row
where {{ any_key_null }}
  and _loaded_at > :processed_through
  and _loaded_at <= :batch_end;

merge into {{ staging_table }} as target
using (
  with batch as (
    select *
    from {{ raw_table }}
    where _loaded_at > :processed_through
      and _loaded_at <= :batch_end
      and {{ no_key_null }}
  ),

  renamed as (
    select
      {{ renamed_columns }},
      {{ row_hash }} as _row_hash,
      :run_id as _run_id,
      _source_file,
      _row_number,
      _extracted_at,
      _loaded_at{{ deleted_in_record }}
    from batch
  ),

  final as (
    select *
    from renamed
    qualify row_number() over (
      partition by {{ key_columns }}
      order by {{ cursor }} desc nulls last, {{ tie_break_order }}_extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on {{ key_match }}
when matched and (
  source.{{ cursor }} > target.{{ cursor }}{{ tie_break_newer }}
  or (source.{{ cursor }} = target.{{ cursor }} and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at{{ tie_break_not_older }})
) then update set
  {{ update_columns }},
  {{ delete_flags_update }},
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = :now
when not matched then insert (
  {{ insert_columns }}, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  {{ insert_values }}, {{ delete_flags_insert }},
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :now
);
