-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select date_day, count(*) as copies
  from curated.dim_date
  where date_day is not null
  group by date_day
  having count(*) > 1
) as duplicated;
