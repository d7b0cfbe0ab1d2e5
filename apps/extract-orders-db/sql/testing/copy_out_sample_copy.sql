-- name:       orders_db_testing_copy_out_sample_copy
-- grain:      one CSV record per row of copy_out_sample
-- keys:       n
-- depends-on: copy_out_sample_table
copy (select n, text_value, maybe_empty, long_value from copy_out_sample order by n) to stdout with (format csv)
