-- name:       create_pii_mask_variant
-- grain:      one masking policy for variant (JSON) columns tagged ops.pii
-- keys:       policy name
-- depends-on: schema ops
-- Snowflake only. The SHA-256 of the value's JSON text, as a variant string.
create masking policy if not exists {{ policy }} as (val variant) returns variant ->
  case when is_role_in_session('PII_READER') or val is null then val else to_variant(sha2(to_json(val), 256)) end
  comment = 'ops.pii on variant: clear for PII_READER, SHA-256 of its JSON otherwise'
