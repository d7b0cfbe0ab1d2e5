-- name:       create_pii_mask_number
-- grain:      one masking policy for number columns tagged ops.pii
-- keys:       policy name
-- depends-on: schema ops
-- Snowflake only. hash() is Snowflake's stable 64-bit hash: the same value
-- masks to the same number, so keys still join.
create masking policy if not exists {{ policy }} as (val number) returns number ->
  case when is_role_in_session('PII_READER') then val else hash(val) end
  comment = 'ops.pii on number: clear for PII_READER, hash() otherwise'
