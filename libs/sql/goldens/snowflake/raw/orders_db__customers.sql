create table if not exists raw.orders_db__customers (
  customer_id number(38, 0),
  email varchar,
  first_name varchar,
  last_name varchar,
  phone varchar,
  country varchar,
  created_at timestamp_tz,
  updated_at timestamp_tz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
