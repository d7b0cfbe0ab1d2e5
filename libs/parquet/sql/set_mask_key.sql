-- name:       set_mask_key
-- grain:      none (session variable)
-- keys:       none
-- depends-on: none

-- The key arrives as a bind parameter and lives only in this connection's
-- session; it never appears in SQL text, logs or query history.
set variable northstar_mask_key = :mask_key
