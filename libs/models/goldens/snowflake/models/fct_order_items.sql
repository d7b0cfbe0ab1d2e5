create table if not exists curated.fct_order_items (
  order_item_sk varchar not null,
  order_item_id bigint not null,
  order_id bigint,
  order_sk varchar,
  product_id bigint,
  product_sk varchar,
  customer_sk varchar,
  quantity bigint,
  unit_price decimal(12, 2),
  discount_amount decimal(12, 2),
  line_total_amount decimal(14, 2),
  currency_code varchar,
  ordered_at timestamp_tz,
  order_date date,
  is_deleted boolean not null,
  deleted_at timestamp_tz,
  source_updated_at timestamp_tz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamp_tz not null
) cluster by (order_date);

merge into curated.fct_order_items as target
using (
  with remerged_orders as (
    select order_id
    from curated.fct_orders
    where _merged_at > :1
      and _merged_at <= :2
  ),

  -- Two branches, not one `or`, as in fct_orders (docs/performance.md, decision D17).
  changed_items as (
    select *
    from staging.stg_orders_db__order_items
    where _staged_at > :1
      and _staged_at <= :2
    union all
    select *
    from staging.stg_orders_db__order_items
    where order_id in (select order_id from remerged_orders)
      and not (_staged_at > :1 and _staged_at <= :2)
  ),

  parent_orders as (
    select order_id, customer_sk, currency_code, ordered_at, order_date, is_deleted, deleted_at
    from curated.fct_orders
    where order_id in (select order_id from changed_items)
  ),

  joined as (
    select
      changed_items.*,
      parent_orders.customer_sk,
      parent_orders.currency_code,
      parent_orders.ordered_at,
      parent_orders.order_date,
      coalesce(parent_orders.is_deleted, false) as order_is_deleted,
      parent_orders.deleted_at as order_deleted_at
    from changed_items
    left join parent_orders on parent_orders.order_id = changed_items.order_id
  ),

  final as (
    select
      md5(coalesce(cast(length(cast(order_item_id as varchar)) as varchar) || ':' || cast(order_item_id as varchar), '~')) as order_item_sk,
      order_item_id,
      order_id,
      md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~')) as order_sk,
      product_id,
      md5(coalesce(cast(length(cast(product_id as varchar)) as varchar) || ':' || cast(product_id as varchar), '~')) as product_sk,
      customer_sk,
      quantity,
      unit_price,
      discount_amount,
      line_total_amount,
      currency_code,
      ordered_at,
      order_date,
      is_deleted or order_is_deleted as is_deleted,
      case when is_deleted then deleted_at when order_is_deleted then order_deleted_at end as deleted_at,
      updated_at as source_updated_at,
      md5(coalesce(cast(length(cast(_row_hash as varchar)) as varchar) || ':' || cast(_row_hash as varchar), '~') || coalesce(cast(length(cast(customer_sk as varchar)) as varchar) || ':' || cast(customer_sk as varchar), '~') || coalesce(cast(length(cast(currency_code as varchar)) as varchar) || ':' || cast(currency_code as varchar), '~') || coalesce(cast(length(cast(ordered_at as varchar)) as varchar) || ':' || cast(ordered_at as varchar), '~') || coalesce(cast(length(cast(is_deleted as varchar)) as varchar) || ':' || cast(is_deleted as varchar), '~') || coalesce(cast(length(cast(deleted_at as varchar)) as varchar) || ':' || cast(deleted_at as varchar), '~') || coalesce(cast(length(cast(order_is_deleted as varchar)) as varchar) || ':' || cast(order_is_deleted as varchar), '~') || coalesce(cast(length(cast(order_deleted_at as varchar)) as varchar) || ':' || cast(order_deleted_at as varchar), '~')) as _row_hash,
      :3 as _run_id
    from joined
    qualify row_number() over (partition by order_item_id order by updated_at desc, _staged_at desc) = 1
  )

  select * from final
) as source
on target.order_item_id = source.order_item_id
when matched and source._row_hash <> target._row_hash then update set
  order_id = source.order_id,
  order_sk = source.order_sk,
  product_id = source.product_id,
  product_sk = source.product_sk,
  customer_sk = source.customer_sk,
  quantity = source.quantity,
  unit_price = source.unit_price,
  discount_amount = source.discount_amount,
  line_total_amount = source.line_total_amount,
  currency_code = source.currency_code,
  ordered_at = source.ordered_at,
  order_date = source.order_date,
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  source_updated_at = source.source_updated_at,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = :4
when not matched then insert (
  order_item_sk, order_item_id, order_id, order_sk, product_id, product_sk, customer_sk, quantity, unit_price, discount_amount, line_total_amount,
  currency_code, ordered_at, order_date, is_deleted, deleted_at, source_updated_at, _row_hash, _run_id, _merged_at
) values (
  source.order_item_sk, source.order_item_id, source.order_id, source.order_sk, source.product_id, source.product_sk, source.customer_sk, source.quantity, source.unit_price, source.discount_amount, source.line_total_amount,
  source.currency_code, source.ordered_at, source.order_date, source.is_deleted, source.deleted_at, source.source_updated_at, source._row_hash, source._run_id, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
