-- name:       orders_db_testing_copy_out_many_rows_copy
-- grain:      one CSV record per n in [1, 2000000]
-- keys:       n
-- depends-on: none
-- Long enough to still be streaming when its backend is terminated.
copy (select n, md5(n::text) from generate_series(1, 2000000) as n) to stdout with (format csv)
