create table if not exists raw.orders_db__order_items (
  order_item_id number(38, 0),
  order_id number(38, 0),
  product_id number(38, 0),
  quantity number(38, 0),
  unit_price number(12, 2),
  discount number(12, 2),
  line_total number(14, 2),
  created_at timestamp_tz,
  updated_at timestamp_tz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
