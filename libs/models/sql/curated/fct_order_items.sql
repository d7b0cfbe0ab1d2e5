-- name:       fct_order_items
-- grain:      one row per order line
-- keys:       order_item_sk = hash_key(order_item_id); order_item_id unique
-- depends-on: stg_orders_db__order_items, reconcile_orders_db__order_items, fct_orders, dim_product
-- tracks:     staging.stg_orders_db__order_items._staged_at, curated.fct_orders._merged_at
-- cluster-by: order_date

-- order_sk and product_sk are hashes of the natural keys, so a line keeps its
-- keys whatever order its parents arrive in; customer_sk, currency_code and
-- ordered_at come from the line's fct_orders row and stay null until the
-- order lands (lines are re-read whenever their order is merged). A line is
-- deleted when it or its order is: an order's lines go with it.

-- Clustered by order_date on Snowflake (cluster-by above; DuckDB has no
-- clustering): an hour or a backfill day touches a few recent dates, and BI
-- filters by date, so both prune to those micro-partitions. The MERGE matches
-- on the integer key, which grows with time, so its join filter prunes too.
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
  ordered_at {{ ts_type() }},
  order_date date,
  is_deleted boolean not null,
  deleted_at {{ ts_type() }},
  source_updated_at {{ ts_type() }},
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
) {{ cluster_by }};

merge into curated.fct_order_items as target
using (
  with remerged_orders as (
    select order_id
    from curated.fct_orders
    where _merged_at > :processed_through
      and _merged_at <= :batch_end
  ),

  -- Two branches, not one `or`, as in fct_orders (docs/performance.md, decision D17).
  changed_items as (
    select *
    from staging.stg_orders_db__order_items
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
    union all
    select *
    from staging.stg_orders_db__order_items
    where order_id in (select order_id from remerged_orders)
      and not (_staged_at > :processed_through and _staged_at <= :batch_end)
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
      {{ hash_key(order_item_id) }} as order_item_sk,
      order_item_id,
      order_id,
      {{ hash_key(order_id) }} as order_sk,
      product_id,
      {{ hash_key(product_id) }} as product_sk,
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
      {{ hash_key(_row_hash, customer_sk, currency_code, ordered_at, is_deleted, deleted_at, order_is_deleted, order_deleted_at) }} as _row_hash,
      :run_id as _run_id
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
  _merged_at = :now
when not matched then insert (
  order_item_sk, order_item_id, order_id, order_sk, product_id, product_sk, customer_sk, quantity, unit_price, discount_amount, line_total_amount,
  currency_code, ordered_at, order_date, is_deleted, deleted_at, source_updated_at, _row_hash, _run_id, _merged_at
) values (
  source.order_item_sk, source.order_item_id, source.order_id, source.order_sk, source.product_id, source.product_sk, source.customer_sk, source.quantity, source.unit_price, source.discount_amount, source.line_total_amount,
  source.currency_code, source.ordered_at, source.order_date, source.is_deleted, source.deleted_at, source.source_updated_at, source._row_hash, source._run_id, :now
);
