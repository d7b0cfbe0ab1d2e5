-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}):
-- rows missing a key value or a part of one. Nightly, over the whole table.
select count(*) as failing_rows
from staging.stg_zendesk__users
where user_id is null;
