create table if not exists raw.zendesk__ticket_events (
  id bigint,
  audit_id bigint,
  ticket_id bigint,
  updater_id bigint,
  via varchar,
  event_type varchar,
  comment_public boolean,
  field_name varchar,
  value varchar,
  previous_value varchar,
  created_at timestamptz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
