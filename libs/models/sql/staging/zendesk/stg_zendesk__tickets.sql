-- name:         stg_zendesk__tickets
-- grain:        one row per ticket: the latest version by updated_at, then generated time, then extraction time, then file and row
-- keys:         ticket_id
-- depends-on:   raw.zendesk__tickets
-- tracks:       raw.zendesk__tickets._loaded_at
-- tie-break:    generated_at
-- deleted-when: status = 'deleted'

-- Rendered on templates/staging_model.sql. The export sends a ticket again
-- whenever it changes, and a page boundary or a system update (generated time
-- moves, updated_at does not) repeats it: updated_at decides, then the
-- generated time (tie-break). A deleted ticket comes with status 'deleted'
-- and becomes the delete flag, dated by its last change (deleted-when).
-- JSON columns are kept as text.

select
  id as ticket_id,
  external_id,
  requester_id,
  submitter_id,
  assignee_id,
  organization_id,
  group_id,
  brand_id,
  subject,
  status,
  priority,
  type as ticket_type,
  via_channel as channel,
  cast({{ json_text(tags) }} as varchar) as tags,
  cast({{ json_text(custom_fields) }} as varchar) as custom_fields,
  -- The order-number field first, else an external id that is an order number.
  cast(coalesce(try_cast(order_field_value as bigint), try_cast(external_id as bigint)) as bigint) as order_id,
  due_at,
  created_at,
  updated_at,
  generated_timestamp as generated_at
from {{ source }}
