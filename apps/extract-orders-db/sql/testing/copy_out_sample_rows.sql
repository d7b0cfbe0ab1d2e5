-- name:       orders_db_testing_copy_out_sample_rows
-- grain:      one row per row of copy_out_sample
-- keys:       n
-- depends-on: copy_out_sample_table
-- The same rows as copy_out_sample_copy, as a plain query returns them.
select n::text as n, text_value, maybe_empty, long_value from copy_out_sample order by copy_out_sample.n
