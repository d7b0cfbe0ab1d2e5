create table if not exists raw.zendesk__satisfaction_ratings (
  id number(38, 0),
  ticket_id number(38, 0),
  requester_id number(38, 0),
  assignee_id number(38, 0),
  group_id number(38, 0),
  score varchar,
  comment varchar,
  reason varchar,
  created_at timestamp_tz,
  updated_at timestamp_tz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number number(38, 0) not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null
)
