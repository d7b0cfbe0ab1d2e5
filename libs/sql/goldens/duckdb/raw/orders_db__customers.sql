create table if not exists raw.orders_db__customers (
  customer_id bigint,
  email varchar,
  first_name varchar,
  last_name varchar,
  phone varchar,
  country varchar,
  created_at timestamptz,
  updated_at timestamptz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
