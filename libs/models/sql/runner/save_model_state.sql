-- name:       save_model_state
-- grain:      one row per model
-- keys:       model
-- depends-on: ops.model_state
merge into ops.model_state as target
using (
  select
    cast(:model as varchar) as model,
    cast(:processed_through as {{ ts_type() }}) as processed_through,
    cast(:run_id as varchar) as run_id
) as done
on target.model = done.model
when matched then update set
  processed_through = done.processed_through,
  run_id = done.run_id,
  updated_at = :now
when not matched then insert (model, processed_through, run_id, updated_at)
values (done.model, done.processed_through, done.run_id, :now)
