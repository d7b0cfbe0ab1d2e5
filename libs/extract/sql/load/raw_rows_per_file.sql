-- name:       raw_rows_per_file
-- grain:      one row per file of a run that has rows in the raw table
-- keys:       source_file
-- depends-on: raw.<source>__<entity>

-- Run inside the load transaction, after a manifest's files are copied and
-- before their ledger rows and the watermark are written: the loader compares
-- these counts with the manifest's, so a COPY that loads nothing (a stage whose
-- root is not the raw zone's, say) is never recorded as a loaded file.
select
  _source_file as source_file,
  count(*) as row_count
from {{ raw_table }}
where _run_id = :run_id
group by _source_file
