create table if not exists raw.partner_files__shipments (
  partner varchar,
  shipment_id varchar,
  order_id number(38, 0),
  carrier varchar,
  tracking_number varchar,
  status varchar,
  status_at timestamp_tz,
  ship_to_postcode varchar,
  weight_kg number(10, 3),
  file_name varchar,
  file_line number(38, 0),
  unmapped_columns variant,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
