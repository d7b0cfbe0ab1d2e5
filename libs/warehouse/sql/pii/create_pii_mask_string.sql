-- name:       create_pii_mask_string
-- grain:      one masking policy for varchar columns tagged ops.pii
-- keys:       policy name
-- depends-on: schema ops
-- Snowflake only. Roles granted PII_READER (directly, through the hierarchy or
-- as a secondary role: is_role_in_session) read the clear value; every other
-- role reads its SHA-256, so joins and distinct counts on the column still work.
-- IF NOT EXISTS: a policy set on a tag cannot be replaced; a changed body is
-- ALTER MASKING POLICY ... SET BODY, by hand and reviewed.
create masking policy if not exists {{ policy }} as (val varchar) returns varchar ->
  case when is_role_in_session('PII_READER') then val else sha2(val, 256) end
  comment = 'ops.pii on varchar: clear for PII_READER, SHA-256 otherwise'
