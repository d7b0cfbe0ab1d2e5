-- name:       stg_zendesk__ticket_metrics
-- grain:      one row per ticket metric set (one per ticket): the latest version by updated_at, then extraction time, then file and row
-- keys:       ticket_metric_id
-- depends-on: raw.zendesk__ticket_metrics
-- tracks:     raw.zendesk__ticket_metrics._loaded_at

-- Rendered on templates/staging_model.sql. Metric sets ride on the ticket
-- export, so a ticket that changes sends its metrics again: newer wins.

select
  id as ticket_metric_id,
  ticket_id,
  reopens,
  replies,
  assignee_stations,
  group_stations,
  reply_time_calendar_minutes as first_reply_calendar_minutes,
  reply_time_business_minutes as first_reply_business_minutes,
  first_resolution_time_calendar_minutes as first_resolution_calendar_minutes,
  full_resolution_time_calendar_minutes as full_resolution_calendar_minutes,
  full_resolution_time_business_minutes as full_resolution_business_minutes,
  agent_wait_time_calendar_minutes as agent_wait_calendar_minutes,
  requester_wait_time_calendar_minutes as requester_wait_calendar_minutes,
  on_hold_time_calendar_minutes as on_hold_calendar_minutes,
  assigned_at,
  solved_at,
  latest_comment_added_at,
  created_at,
  updated_at
from {{ source }}
