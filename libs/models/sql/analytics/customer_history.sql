-- name:       customer_history
-- grain:      one row per customer version (SCD2), deleted customers included and flagged
-- keys:       customer_key = curated.dim_customer.customer_sk; (customer_id, valid_from) unique
-- depends-on: dim_customer
-- tracks:     none (a view: its DDL replaces it on every run)

-- What BI reads to see a customer as they were when an order was placed
-- (analytics.orders.customer_key); a kept contract like analytics.orders.
-- A version is valid in [valid_from, valid_to); valid_to is null for the current one.

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
