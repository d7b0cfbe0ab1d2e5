-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}, one
-- column or several): extra rows sharing a key value. Nightly, over the whole table.
select coalesce(sum(copies - 1), 0) as failing_rows
from (
  select ticket_event_id, count(*) as copies
  from staging.stg_zendesk__ticket_events
  where ticket_event_id is not null
  group by ticket_event_id
  having count(*) > 1
) as duplicated;
