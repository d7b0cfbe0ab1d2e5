-- Rendered per model from its header's `keys:` ({{ table }}, {{ key_columns }}):
-- rows missing a key value or a part of one. Nightly, over the whole table.
select count(*) as failing_rows
from staging.stg_partner_files__shipments
where (partner is null or shipment_id is null or shipment_status is null);
