create table if not exists raw.zendesk__ticket_events (
  id number(38, 0),
  audit_id number(38, 0),
  ticket_id number(38, 0),
  updater_id number(38, 0),
  via varchar,
  event_type varchar,
  comment_public boolean,
  field_name varchar,
  value varchar,
  previous_value varchar,
  created_at timestamp_tz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
