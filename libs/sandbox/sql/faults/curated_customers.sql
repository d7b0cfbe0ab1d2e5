-- name:       sandbox_faults_curated_customers
-- grain:      one row per current, landed curated.dim_customer version (a duplicated key shows twice)
-- keys:       none: finding duplicated keys is the point
-- depends-on: dim_customer
select cast(customer_id as varchar) as key, is_deleted
from curated.dim_customer
where is_current and not is_inferred
