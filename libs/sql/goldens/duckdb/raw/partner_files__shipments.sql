create table if not exists raw.partner_files__shipments (
  partner varchar,
  shipment_id varchar,
  order_id bigint,
  carrier varchar,
  tracking_number varchar,
  status varchar,
  status_at timestamptz,
  ship_to_postcode varchar,
  weight_kg decimal(10, 3),
  file_name varchar,
  file_line bigint,
  unmapped_columns json,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
