-- name:       orders_db_testing_copy_out_failing_copy
-- grain:      one CSV record per n until n = 2000, where it divides by zero
-- keys:       none
-- depends-on: none
-- A COPY the server abandons midway, after sending rows.
copy (select n, 1 / (2000 - n) from generate_series(1, 5000) as n) to stdout with (format csv)
