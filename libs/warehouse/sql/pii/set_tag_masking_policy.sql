-- name:       set_tag_masking_policy
-- grain:      one masking policy set on the tag
-- keys:       tag, policy
-- depends-on: create_pii_tag, create_pii_mask_*
alter tag {{ tag }} set masking policy {{ policy }}
