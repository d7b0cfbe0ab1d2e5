-- name:       advance_watermark
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: ops.watermarks

-- Only ever forward: loading an older run late must not move the watermark back.
-- And only for a run that read on from the watermark (its window starts at or
-- before it, as an hourly run's does: watermark minus lookback). A backfill of
-- a later, detached window leaves it where it is, or the next hourly run would
-- start after the gap between them and never read it. The first run of an
-- entity sets it.
merge into ops.watermarks as target
using (
  select
    cast(:source as varchar) as source,
    cast(:entity as varchar) as entity,
    cast(:watermark as {{ ts_type() }}) as watermark,
    cast(:window_start as {{ ts_type() }}) as window_start,
    cast(:run_id as varchar) as run_id
) as proposed
on target.source = proposed.source and target.entity = proposed.entity
when matched and proposed.watermark > target.watermark and proposed.window_start <= target.watermark then update set
  watermark = proposed.watermark,
  run_id = proposed.run_id,
  updated_at = :now
when not matched then insert (source, entity, watermark, run_id, updated_at)
values (proposed.source, proposed.entity, proposed.watermark, proposed.run_id, :now)
