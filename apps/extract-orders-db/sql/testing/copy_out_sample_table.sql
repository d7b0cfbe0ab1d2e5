-- name:       orders_db_testing_copy_out_sample_table
-- grain:      one row per n in [1, 3000]
-- keys:       n
-- depends-on: none
-- Values that are hard to frame: quotes, newlines inside quoted fields,
-- multi-byte text, NULL beside the empty string, and one field of ~300 KB
-- that spans many socket reads.
create temporary table copy_out_sample as
select
  n,
  case when n % 3 = 0 then 'say "' || n || E'"\nand, then' else 'plain ' || n end as text_value,
  case when n % 5 = 0 then null when n % 5 = 1 then '' else repeat('é€', n % 17) end as maybe_empty,
  case when n = 1500 then repeat('long,"field"' || E'\n', 25000) else 'short' end as long_value
from generate_series(1, 3000) as n
