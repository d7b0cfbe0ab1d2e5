-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_id, count(*) as copies
  from curated.fct_order_shipment_times
  where order_id is not null
  group by order_id
  having count(*) > 1
) as duplicated;
