create table if not exists raw.orders_db__products (
  product_id number(38, 0),
  sku varchar,
  name varchar,
  category varchar,
  unit_price number(12, 2),
  currency varchar,
  is_active boolean,
  created_at timestamp_tz,
  updated_at timestamp_tz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
