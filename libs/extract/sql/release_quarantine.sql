-- name:       release_quarantine
-- grain:      the ledger rows of one quarantined object version
-- keys:       quarantine_id
-- depends-on: ops.partner_files

-- Released rows stop counting as taken, so the next run reads the object
-- again; the row stays, with who released it and when.
update ops.partner_files
set released_at = :now,
    released_by = :released_by
where quarantine_id = :quarantine_id
  and outcome = 'quarantined'
  and released_at is null
