-- name:       fct_orders
-- grain:      one row per order
-- keys:       order_sk = hash_key(order_id); order_id unique
-- depends-on: stg_orders_db__orders, reconcile_orders_db__orders, dim_customer
-- tracks:     staging.stg_orders_db__orders._staged_at, curated.dim_customer._merged_at
-- cluster-by: order_date

-- Amounts are in the order's currency (currency_code); no conversion here.
-- customer_sk is the dim_customer version valid at ordered_at (the first
-- version when the order predates them all; an inferred member when the
-- customer has not landed yet). Orders are re-read when their staging row
-- changed or their customer's history did (a late version can move the range
-- an order falls in). A row is rewritten only when something changed
-- (_row_hash), so replaying a window leaves every row as it was.

-- Clustered by order_date on Snowflake (cluster-by above; DuckDB has no
-- clustering): an hour or a backfill day touches a few recent dates, and BI
-- filters by date, so both prune to those micro-partitions. The MERGE matches
-- on the integer key, which grows with time, so its join filter prunes too.
create table if not exists curated.fct_orders (
  order_sk varchar not null,
  order_id bigint not null,
  customer_id bigint,
  customer_sk varchar,
  order_status varchar,
  currency_code varchar,
  subtotal_amount decimal(14, 2),
  tax_amount decimal(14, 2),
  shipping_amount decimal(14, 2),
  total_amount decimal(14, 2),
  order_date date,
  ordered_at {{ ts_type() }},
  paid_at {{ ts_type() }},
  shipped_at {{ ts_type() }},
  delivered_at {{ ts_type() }},
  cancelled_at {{ ts_type() }},
  is_deleted boolean not null,
  deleted_at {{ ts_type() }},
  source_updated_at {{ ts_type() }},
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
) {{ cluster_by }};

merge into curated.fct_orders as target
using (
  with restaged_customers as (
    select distinct customer_id
    from curated.dim_customer
    where _merged_at > :processed_through
      and _merged_at <= :batch_end
  ),

  -- Two branches, not one `or`: each can then skip what it does not need (the
  -- batch's _staged_at range, the restaged customers' ids), so an hour reads
  -- its changes instead of all of staging (docs/performance.md, decision D17).
  changed_orders as (
    select *
    from staging.stg_orders_db__orders
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
    union all
    select *
    from staging.stg_orders_db__orders
    where customer_id in (select customer_id from restaged_customers)
      and not (_staged_at > :processed_through and _staged_at <= :batch_end)
  ),

  customer_versions as (
    select customer_sk, customer_id, valid_from, valid_to
    from curated.dim_customer
    where customer_id in (select customer_id from changed_orders)
  ),

  -- The range is one comparison (open ends as a far date, an order with no
  -- ordered_at as later than any closed version), not an `or`: an `or` in the
  -- join condition kept DuckDB off a hash join (a blockwise nested loop,
  -- quadratic in a first load; docs/performance.md, decisions).
  with_customer as (
    select
      changed_orders.*,
      customer_versions.customer_sk
    from changed_orders
    left join customer_versions
      on customer_versions.customer_id = changed_orders.customer_id
      and coalesce(changed_orders.ordered_at, {{ utc_midnight('9999-12-30') }}) < coalesce(customer_versions.valid_to, {{ utc_midnight('9999-12-31') }})
    -- versions do not overlap: the earliest one still open at ordered_at is the one valid then
    qualify row_number() over (partition by changed_orders.order_id order by customer_versions.valid_from) = 1
  ),

  final as (
    select
      {{ hash_key(order_id) }} as order_sk,
      order_id,
      customer_id,
      customer_sk,
      order_status,
      currency_code,
      subtotal_amount,
      tax_amount,
      shipping_amount,
      total_amount,
      cast(ordered_at as date) as order_date,
      ordered_at,
      paid_at,
      shipped_at,
      delivered_at,
      cancelled_at,
      is_deleted,
      deleted_at,
      updated_at as source_updated_at,
      {{ hash_key(_row_hash, customer_sk, is_deleted, deleted_at) }} as _row_hash,
      :run_id as _run_id
    from with_customer
  )

  select * from final
) as source
on target.order_id = source.order_id
when matched and source._row_hash <> target._row_hash then update set
  customer_id = source.customer_id,
  customer_sk = source.customer_sk,
  order_status = source.order_status,
  currency_code = source.currency_code,
  subtotal_amount = source.subtotal_amount,
  tax_amount = source.tax_amount,
  shipping_amount = source.shipping_amount,
  total_amount = source.total_amount,
  order_date = source.order_date,
  ordered_at = source.ordered_at,
  paid_at = source.paid_at,
  shipped_at = source.shipped_at,
  delivered_at = source.delivered_at,
  cancelled_at = source.cancelled_at,
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  source_updated_at = source.source_updated_at,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = :now
when not matched then insert (
  order_sk, order_id, customer_id, customer_sk, order_status, currency_code, subtotal_amount, tax_amount, shipping_amount, total_amount,
  order_date, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, is_deleted, deleted_at, source_updated_at,
  _row_hash, _run_id, _merged_at
) values (
  source.order_sk, source.order_id, source.customer_id, source.customer_sk, source.order_status, source.currency_code, source.subtotal_amount, source.tax_amount, source.shipping_amount, source.total_amount,
  source.order_date, source.ordered_at, source.paid_at, source.shipped_at, source.delivered_at, source.cancelled_at, source.is_deleted, source.deleted_at, source.source_updated_at,
  source._row_hash, source._run_id, :now
);
