create or replace view analytics.customer_history as
select
  customer_sk as customer_key,
  customer_id,
  email,
  first_name,
  last_name,
  phone,
  country_code,
  customer_created_at as customer_since,
  valid_from,
  valid_to,
  is_current,
  is_inferred as is_placeholder,
  is_deleted,
  deleted_at
from curated.dim_customer;

comment on view analytics.customer_history is 'One row per version of a customer: a new version whenever email, name, phone or country changes; valid in [valid_from, valid_to).';
