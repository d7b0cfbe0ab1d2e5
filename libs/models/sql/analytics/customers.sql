-- name:       customers
-- grain:      one row per customer: the current version (customers deleted in the source are left out)
-- keys:       customer_key = curated.dim_customer.customer_sk of the current version; customer_id unique
-- depends-on: dim_customer
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads for "the customer as they are now"; a kept contract like
-- analytics.orders. A customer an order names before the customer landed
-- appears with empty attributes and is_placeholder = true until it lands.

create or replace view analytics.customers as
select
  customer_sk as customer_key,
  customer_id,
  email,
  first_name,
  last_name,
  phone,
  country_code,
  customer_created_at as customer_since,
  valid_from as current_since,
  is_inferred as is_placeholder,
  source_updated_at as last_updated_at
from curated.dim_customer
where is_current
  and not is_deleted;

comment on view analytics.customers is 'One row per customer, as they are now (the current version of analytics.customer_history).';
