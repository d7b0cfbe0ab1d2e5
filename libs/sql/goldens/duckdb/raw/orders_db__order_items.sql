create table if not exists raw.orders_db__order_items (
  order_item_id bigint,
  order_id bigint,
  product_id bigint,
  quantity bigint,
  unit_price decimal(12, 2),
  discount decimal(12, 2),
  line_total decimal(14, 2),
  created_at timestamptz,
  updated_at timestamptz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
