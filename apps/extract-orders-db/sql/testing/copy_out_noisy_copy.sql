-- name:       orders_db_testing_copy_out_noisy_copy
-- grain:      one CSV record per n in [1, 200]
-- keys:       n
-- depends-on: none
-- Every row raises a NOTICE, which the server sends between the rows' CopyData.
create function pg_temp.noisy(n int) returns int language plpgsql
as 'begin raise notice ''row %'', n; return n; end';
copy (select pg_temp.noisy(n) from generate_series(1, 200) as n) to stdout with (format csv)
