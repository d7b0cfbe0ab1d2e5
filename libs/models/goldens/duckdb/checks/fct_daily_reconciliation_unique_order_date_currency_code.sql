-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select order_date, currency_code, count(*) as copies
  from curated.fct_daily_reconciliation
  where order_date is not null and currency_code is not null
  group by order_date, currency_code
  having count(*) > 1
) as duplicated;
