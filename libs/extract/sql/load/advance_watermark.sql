-- name:       advance_watermark
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: ops.watermarks

-- Only ever forward: loading an older run late must not move the watermark back.
merge into ops.watermarks as target
using (
  select
    cast(:source as varchar) as source,
    cast(:entity as varchar) as entity,
    cast(:watermark as {{ ts_type() }}) as watermark,
    cast(:run_id as varchar) as run_id
) as proposed
on target.source = proposed.source and target.entity = proposed.entity
when matched and proposed.watermark > target.watermark then update set
  watermark = proposed.watermark,
  run_id = proposed.run_id,
  updated_at = :now
when not matched then insert (source, entity, watermark, run_id, updated_at)
values (proposed.source, proposed.entity, proposed.watermark, proposed.run_id, :now)
