-- name:       stg_zendesk__satisfaction_ratings
-- grain:      one row per satisfaction rating: the latest version by updated_at, then extraction time, then file and row
-- keys:       satisfaction_rating_id
-- depends-on: raw.zendesk__satisfaction_ratings
-- tracks:     raw.zendesk__satisfaction_ratings._loaded_at

-- Rendered on templates/staging_model.sql. A rating is offered when the
-- ticket is solved and answered later (score good or bad): newer wins.

select
  id as satisfaction_rating_id,
  ticket_id,
  requester_id,
  assignee_id,
  group_id,
  score,
  comment,
  reason,
  created_at,
  updated_at
from {{ source }}
