create or alter tag ops.pii
  allowed_values 'email', 'name', 'phone', 'address', 'ip_address', 'free_text', 'payment_card'
  comment = 'Personal data (from the contracts); masked for roles without PII_READER';

create masking policy if not exists ops.pii_mask_string as (val varchar) returns varchar ->
  case when is_role_in_session('PII_READER') then val else sha2(val, 256) end
  comment = 'ops.pii on varchar: clear for PII_READER, SHA-256 otherwise';

create masking policy if not exists ops.pii_mask_number as (val number) returns number ->
  case when is_role_in_session('PII_READER') then val else hash(val) end
  comment = 'ops.pii on number: clear for PII_READER, hash() otherwise';

create masking policy if not exists ops.pii_mask_variant as (val variant) returns variant ->
  case when is_role_in_session('PII_READER') or val is null then val else to_variant(sha2(to_json(val), 256)) end
  comment = 'ops.pii on variant: clear for PII_READER, SHA-256 of its JSON otherwise';
