-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}):
-- rows missing a key value or a part of one. Nightly, over the whole table.
select count(*) as failing_rows
from staging.stg_zendesk__satisfaction_ratings
where satisfaction_rating_id is null;
