-- name:       sandbox_faults_curated_tables
-- grain:      one row per table in the curated schema
-- keys:       table_name
-- depends-on: none
-- A run that never got as far as the models leaves no curated tables: all their rows are lost, not an error.
select table_name from information_schema.tables where table_schema = 'curated'
