-- Runs in the publish transaction, before the models. _loaded_at becomes the
-- publish time: the models take raw in ranges of _loaded_at after their
-- saved progress, which hourly loads during the backfill have moved past the
-- chunks' own load times. _run_id becomes the publish's: the rows are
-- published by it, and its `batch` checks read the rows of their run id.
-- The chunk stays in _source_file (its key holds run=<chunk run id>) and in
-- ops.file_loads.
insert into raw.orders_db__orders (order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)
select order_id, customer_id, status, currency, subtotal, tax, shipping, total, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, created_at, updated_at, $1, _source_file, _row_number, _extracted_at, $2
from raw_backfill.orders_db__orders;
-- binds:
--   1: "backfill-20261101T00-20261102T00-publish"
--   2: Date(2026-12-05T09:30:00.000Z)

-- In the publish transaction, after the copy to raw: a refused publish rolls
-- both back, so the rows stay held for the rerun.
delete from raw_backfill.orders_db__orders;
