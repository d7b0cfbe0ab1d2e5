-- name:         stg_zendesk__users
-- grain:        one row per user: the latest version by updated_at, then extraction time, then file and row
-- keys:         user_id
-- depends-on:   raw.zendesk__users
-- tracks:       raw.zendesk__users._loaded_at
-- deleted-when: not active

-- Rendered on templates/staging_model.sql. A deleted user comes as
-- active = false in the record itself, so the delete flag follows the newest
-- version (deleted-when), dated by its updated_at.
-- Email, name and phone are HMAC-masked outside prod by the extractor, with
-- the same key and function as the orders DB's customers, so equal emails
-- stay equal and fct_support_tickets can match requesters by email anywhere.

select
  id as user_id,
  email,
  name,
  phone,
  external_id,
  role,
  organization_id,
  active as is_active,
  suspended as is_suspended,
  time_zone,
  locale,
  created_at,
  updated_at
from {{ source }}
