-- name:       tag_masking_policies
-- grain:      one row per masking policy set on the tag
-- keys:       policy_name
-- depends-on: information_schema.policy_references
-- Snowflake only. A tag takes one policy per data type and refuses a second
-- SET for a type it has, so the setup sets only what this lists as missing.
select lower(policy_schema) || '.' || lower(policy_name) as policy_name
from table(information_schema.policy_references(ref_entity_name => :tag_name, ref_entity_domain => 'tag'))
