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

select lower(policy_schema) || '.' || lower(policy_name) as policy_name
from table(information_schema.policy_references(ref_entity_name => :1, ref_entity_domain => 'tag'));
-- binds:
--   1: "ops.pii"

alter tag ops.pii set masking policy ops.pii_mask_number;

alter tag ops.pii set masking policy ops.pii_mask_variant;

select
  lower(column_name) as column_name,
  data_type,
  numeric_precision,
  numeric_scale
from information_schema.columns
where lower(table_schema) = lower(:1)
  and lower(table_name) = lower(:2)
order by ordinal_position;
-- binds:
--   1: "raw"
--   2: "orders_db__customers"

select lower(column_name) as column_name, tag_value
from table(information_schema.tag_references_all_columns(:1, 'table'))
where lower(tag_schema) = lower(:2)
  and lower(tag_name) = lower(:3);
-- binds:
--   1: "raw.orders_db__customers"
--   2: "ops"
--   3: "pii"

select
  lower(column_name) as column_name,
  data_type,
  numeric_precision,
  numeric_scale
from information_schema.columns
where lower(table_schema) = lower(:1)
  and lower(table_name) = lower(:2)
order by ordinal_position;
-- binds:
--   1: "curated"
--   2: "dim_customer"

select
  lower(column_name) as column_name,
  data_type,
  numeric_precision,
  numeric_scale
from information_schema.columns
where lower(table_schema) = lower(:1)
  and lower(table_name) = lower(:2)
order by ordinal_position;
-- binds:
--   1: "ops"
--   2: "quarantine"

alter table raw.orders_db__customers modify column first_name set tag ops.pii = 'name';
