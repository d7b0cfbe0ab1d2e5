-- name:       daily_reconciliation
-- grain:      one row per order date and currency, the last 31 days present
-- keys:       order_date, currency_code
-- depends-on: curated.fct_daily_reconciliation

-- Read only when the table exists (payments are loaded).
select *
from curated.fct_daily_reconciliation
order by 1 desc
limit 62
