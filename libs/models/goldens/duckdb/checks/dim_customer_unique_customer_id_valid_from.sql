-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select customer_id, valid_from, count(*) as copies
  from curated.dim_customer
  where customer_id is not null and valid_from is not null
  group by customer_id, valid_from
  having count(*) > 1
) as duplicated;
