-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}):
-- rows missing a key value or a part of one. Nightly, over the whole table.
select count(*) as failing_rows
from curated.fct_daily_reconciliation
where (order_date is null or currency_code is null);
