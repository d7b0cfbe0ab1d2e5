-- name:       stg_zendesk__ticket_events
-- grain:      one row per child event of a ticket audit
-- keys:       ticket_event_id
-- depends-on: raw.zendesk__ticket_events
-- tracks:     raw.zendesk__ticket_events._loaded_at

-- Rendered on templates/staging_model.sql. Events never change; the
-- time-based export repeats the events of the second where two pages meet,
-- and the dedup keeps one row per event id.

select
  id as ticket_event_id,
  audit_id,
  ticket_id,
  updater_id,
  via,
  event_type,
  comment_public as is_public_comment,
  field_name,
  value as field_value,
  previous_value,
  created_at
from {{ source }}
