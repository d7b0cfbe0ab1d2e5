-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select satisfaction_rating_id, count(*) as copies
  from staging.stg_zendesk__satisfaction_ratings
  where satisfaction_rating_id is not null
  group by satisfaction_rating_id
  having count(*) > 1
) as duplicated;
