-- name:       advance_checkpoint
-- grain:      one row per source entity
-- keys:       source, entity
-- depends-on: ops.source_cursors

-- Run in the load transaction of the run that proposed the checkpoint, so a
-- failed load leaves the previous one for the rerun. An opaque checkpoint
-- cannot be compared, so the proposing run's window end orders them: a run
-- loaded late never moves the checkpoint back.
merge into ops.source_cursors as target
using (
  select
    cast(:source as varchar) as source,
    cast(:entity as varchar) as entity,
    cast(:checkpoint as varchar) as checkpoint,
    cast(:window_end as {{ ts_type() }}) as window_end,
    cast(:run_id as varchar) as run_id
) as proposed
on target.source = proposed.source and target.entity = proposed.entity
when matched and proposed.window_end >= target.window_end then update set
  checkpoint = proposed.checkpoint,
  window_end = proposed.window_end,
  run_id = proposed.run_id,
  updated_at = :now
when not matched then insert (source, entity, checkpoint, window_end, run_id, updated_at)
values (proposed.source, proposed.entity, proposed.checkpoint, proposed.window_end, proposed.run_id, :now)
