-- name:       explain_statement
-- grain:      one row per plan section
-- keys:       none
-- depends-on: the tables the statement reads
-- The plan DuckDB would run a rendered model statement with (its binds unchanged).
explain {{ statement }}
