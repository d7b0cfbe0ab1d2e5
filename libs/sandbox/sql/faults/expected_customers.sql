-- name:       sandbox_faults_expected_customers
-- grain:      one row per customer_id stamped before :window_end
-- keys:       customer_id
-- depends-on: orders_db_schema
-- By key only: emails are masked outside prod, and a change to an untracked
-- column makes no new dim_customer version, so its stamp may lag the source's.
select customer_id::text as key
from customers
where updated_at < :window_end
