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
  ordered_at timestamp_tz,
  paid_at timestamp_tz,
  shipped_at timestamp_tz,
  delivered_at timestamp_tz,
  cancelled_at timestamp_tz,
  is_deleted boolean not null,
  deleted_at timestamp_tz,
  source_updated_at timestamp_tz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamp_tz not null
) cluster by (order_date);

merge into curated.fct_orders as target
using (
  with restaged_customers as (
    select distinct customer_id
    from curated.dim_customer
    where _merged_at > :1
      and _merged_at <= :2
  ),

  -- Two branches, not one `or`: each can then skip what it does not need (the
  -- batch's _staged_at range, the restaged customers' ids), so an hour reads
  -- its changes instead of all of staging (docs/performance.md, decision D17).
  changed_orders as (
    select *
    from staging.stg_orders_db__orders
    where _staged_at > :1
      and _staged_at <= :2
    union all
    select *
    from staging.stg_orders_db__orders
    where customer_id in (select customer_id from restaged_customers)
      and not (_staged_at > :1 and _staged_at <= :2)
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
      and coalesce(changed_orders.ordered_at, to_timestamp_tz('9999-12-30 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM')) < coalesce(customer_versions.valid_to, to_timestamp_tz('9999-12-31 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM'))
    -- versions do not overlap: the earliest one still open at ordered_at is the one valid then
    qualify row_number() over (partition by changed_orders.order_id order by customer_versions.valid_from) = 1
  ),

  final as (
    select
      md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~')) as order_sk,
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
      md5(coalesce(cast(length(cast(_row_hash as varchar)) as varchar) || ':' || cast(_row_hash as varchar), '~') || coalesce(cast(length(cast(customer_sk as varchar)) as varchar) || ':' || cast(customer_sk as varchar), '~') || coalesce(cast(length(cast(is_deleted as varchar)) as varchar) || ':' || cast(is_deleted as varchar), '~') || coalesce(cast(length(cast(deleted_at as varchar)) as varchar) || ':' || cast(deleted_at as varchar), '~')) as _row_hash,
      :3 as _run_id
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
  _merged_at = :4
when not matched then insert (
  order_sk, order_id, customer_id, customer_sk, order_status, currency_code, subtotal_amount, tax_amount, shipping_amount, total_amount,
  order_date, ordered_at, paid_at, shipped_at, delivered_at, cancelled_at, is_deleted, deleted_at, source_updated_at,
  _row_hash, _run_id, _merged_at
) values (
  source.order_sk, source.order_id, source.customer_id, source.customer_sk, source.order_status, source.currency_code, source.subtotal_amount, source.tax_amount, source.shipping_amount, source.total_amount,
  source.order_date, source.ordered_at, source.paid_at, source.shipped_at, source.delivered_at, source.cancelled_at, source.is_deleted, source.deleted_at, source.source_updated_at,
  source._row_hash, source._run_id, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
