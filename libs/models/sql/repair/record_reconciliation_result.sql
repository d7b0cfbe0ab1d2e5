-- name:       record_reconciliation_result
-- grain:      one row per nightly run, entity and day found differing
-- keys:       run_id, source, entity, created_day
-- depends-on: ops.reconciliation_results
insert into ops.reconciliation_results (
  run_id, source, entity, created_day, source_rows, source_amount, warehouse_rows, warehouse_amount,
  action, result, rows_after, amount_after, differing_keys, recorded_at
)
values (
  :run_id, :source, :entity, cast(:created_day as date), :source_rows, cast(:source_amount as decimal(38, 2)), :warehouse_rows, cast(:warehouse_amount as decimal(38, 2)),
  :action, :result, :rows_after, cast(:amount_after as decimal(38, 2)), :differing_keys, :now
)
