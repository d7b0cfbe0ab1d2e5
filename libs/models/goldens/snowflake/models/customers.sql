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
