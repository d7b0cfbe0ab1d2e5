-- name:       register_schema
-- grain:      one row per source entity and schema fingerprint
-- keys:       source, entity, fingerprint
-- depends-on: ops.schema_registry
merge into ops.schema_registry as target
using (
  select
    cast(:source as varchar) as source,
    cast(:entity as varchar) as entity,
    cast(:contract_version as varchar) as contract_version,
    cast(:fingerprint as varchar) as fingerprint,
    cast(:columns as varchar) as columns
) as seen
on target.source = seen.source and target.entity = seen.entity and target.fingerprint = seen.fingerprint
when not matched then insert (source, entity, contract_version, fingerprint, columns, first_seen_run_id, first_seen_at)
values (seen.source, seen.entity, seen.contract_version, seen.fingerprint, seen.columns, :run_id, :now)
