create table if not exists raw.orders_db__products (
  product_id bigint,
  sku varchar,
  name varchar,
  category varchar,
  unit_price decimal(12, 2),
  currency varchar,
  is_active boolean,
  created_at timestamptz,
  updated_at timestamptz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
