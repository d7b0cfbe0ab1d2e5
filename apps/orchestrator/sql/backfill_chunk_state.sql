-- name:       backfill_chunk_state
-- grain:      one row: one backfill chunk's run id
-- keys:       none
-- depends-on: ops.pipeline_runs, ops.run_loads

-- A chunk is committed when its pipeline step succeeded: every load of it
-- committed its files, ledger and watermark in the same transactions. The
-- rows are what its loads recorded, for the progress figures.
select
  (select count(*) from ops.pipeline_runs where run_id = :run_id and step = 'pipeline' and status = 'succeeded') as committed,
  (select coalesce(sum(rows_loaded), 0) from ops.run_loads where run_id = :run_id) as rows_loaded
