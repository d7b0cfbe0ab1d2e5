create table if not exists raw.zendesk__satisfaction_ratings (
  id bigint,
  ticket_id bigint,
  requester_id bigint,
  assignee_id bigint,
  group_id bigint,
  score varchar,
  comment varchar,
  reason varchar,
  created_at timestamptz,
  updated_at timestamptz,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null
)
