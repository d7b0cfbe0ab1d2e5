-- name:       fct_daily_reconciliation
-- grain:      one row per order date and currency
-- keys:       reconciliation_sk = hash_key(order_date, currency_code); order_date, currency_code unique
-- depends-on: fct_orders, fct_payments
-- tracks:     curated.fct_orders._merged_at, curated.fct_payments._merged_at
-- cluster-by: order_date
-- params:     settlement_days = 2, match_tolerance = 0.01

-- What the shop sold on a day against what Stripe moved for those orders,
-- in the order's currency: order_total (paid orders), captured, refunded,
-- disputed (net of disputes won back), net, and difference = order_total -
-- captured. A day is `pending` until Stripe has been extracted
-- settlement_days days past it (the settlement window: a charge may land
-- that much after its order; ops.watermarks for stripe charges, so a replay or
-- a backfill settles days by what was read, not by the wall clock, and a day
-- before Stripe's first load stays pending); after it, `matched` when the
-- difference is within match_tolerance (in the currency's major unit), else
-- `mismatched`, which the fct_daily_reconciliation_mismatch error check
-- explains order by order. Payments count by their order's date, so a late
-- refund of an old order recomputes that order's day and no other: only the
-- days of orders and payments merged in the batch are rebuilt, plus the few
-- pending days, which may have settled since. A changed parameter applies to
-- the days recomputed from then on; a full refresh applies it to every day.
create table if not exists curated.fct_daily_reconciliation (
  reconciliation_sk varchar not null,
  order_date date not null,
  currency_code varchar not null,
  orders_count bigint not null,
  order_total decimal(18, 3) not null,
  captured_amount decimal(18, 3) not null,
  refunded_amount decimal(18, 3) not null,
  disputed_amount decimal(18, 3) not null,
  net_amount decimal(18, 3) not null,
  difference_amount decimal(18, 3) not null,
  reconciliation_status varchar not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
) {{ cluster_by }};

merge into curated.fct_daily_reconciliation as target
using (
  -- Days before settled_before have had the settlement window for their
  -- charges to land. One row, joined by equality on its source name so that
  -- the join is a hash join, not a cross product.
  with stripe_position as (
    select source, cast(max(watermark) as date) - cast(:settlement_days as integer) as settled_before
    from ops.watermarks
    where source = 'stripe'
      and entity = 'charges'
    group by source
  ),

  affected_days as (
    select distinct order_date, currency_code
    from curated.fct_orders
    where _merged_at > :processed_through
      and _merged_at <= :batch_end
      and order_date is not null
    union
    select distinct orders.order_date, orders.currency_code
    from curated.fct_payments as payment
    inner join curated.fct_orders as orders
      on orders.order_sk = payment.order_sk
    where payment._merged_at > :processed_through
      and payment._merged_at <= :batch_end
    union
    select order_date, currency_code
    from curated.fct_daily_reconciliation
    where reconciliation_status = 'pending'
  ),

  day_orders as (
    select orders.order_sk, orders.order_date, orders.currency_code, orders.total_amount
    from curated.fct_orders as orders
    inner join affected_days
      on affected_days.order_date = orders.order_date
      and affected_days.currency_code = orders.currency_code
    where not orders.is_deleted
      and orders.paid_at is not null
  ),

  order_payments as (
    select
      payment.order_sk,
      sum(case when payment.payment_type = 'charge' then payment.amount else 0 end) as captured_amount,
      sum(case when payment.payment_type = 'refund' and payment.payment_status in ('succeeded', 'pending') then -payment.amount else 0 end) as refunded_amount,
      sum(case when payment.payment_type in ('dispute', 'dispute_reversal') then -payment.amount else 0 end) as disputed_amount
    from curated.fct_payments as payment
    where payment.order_sk in (select order_sk from day_orders)
    group by payment.order_sk
  ),

  days as (
    select
      day_orders.order_date,
      day_orders.currency_code,
      count(*) as orders_count,
      sum(day_orders.total_amount) as order_total,
      coalesce(sum(order_payments.captured_amount), 0) as captured_amount,
      coalesce(sum(order_payments.refunded_amount), 0) as refunded_amount,
      coalesce(sum(order_payments.disputed_amount), 0) as disputed_amount,
      'stripe' as payments_source
    from day_orders
    left join order_payments
      on order_payments.order_sk = day_orders.order_sk
    group by day_orders.order_date, day_orders.currency_code
  ),

  final as (
    select
      {{ hash_key(days.order_date, days.currency_code) }} as reconciliation_sk,
      days.order_date,
      days.currency_code,
      orders_count,
      cast(order_total as decimal(18, 3)) as order_total,
      cast(captured_amount as decimal(18, 3)) as captured_amount,
      cast(refunded_amount as decimal(18, 3)) as refunded_amount,
      cast(disputed_amount as decimal(18, 3)) as disputed_amount,
      cast(captured_amount - refunded_amount - disputed_amount as decimal(18, 3)) as net_amount,
      cast(order_total - captured_amount as decimal(18, 3)) as difference_amount,
      case
        when stripe_position.settled_before is null or days.order_date >= stripe_position.settled_before then 'pending'
        when abs(order_total - captured_amount) <= cast(:match_tolerance as decimal(18, 3)) then 'matched'
        else 'mismatched'
      end as reconciliation_status
    from days
    left join stripe_position
      on stripe_position.source = days.payments_source
  ),

  hashed as (
    select
      final.*,
      {{ hash_key(orders_count, order_total, captured_amount, refunded_amount, disputed_amount, reconciliation_status) }} as _row_hash
    from final
  )

  select * from hashed
) as source
on target.order_date = source.order_date
  and target.currency_code = source.currency_code
when matched and source._row_hash <> target._row_hash then update set
  orders_count = source.orders_count,
  order_total = source.order_total,
  captured_amount = source.captured_amount,
  refunded_amount = source.refunded_amount,
  disputed_amount = source.disputed_amount,
  net_amount = source.net_amount,
  difference_amount = source.difference_amount,
  reconciliation_status = source.reconciliation_status,
  _row_hash = source._row_hash,
  _run_id = :run_id,
  _merged_at = :now
when not matched then insert (
  reconciliation_sk, order_date, currency_code, orders_count, order_total, captured_amount, refunded_amount, disputed_amount,
  net_amount, difference_amount, reconciliation_status, _row_hash, _run_id, _merged_at
) values (
  source.reconciliation_sk, source.order_date, source.currency_code, source.orders_count, source.order_total, source.captured_amount, source.refunded_amount, source.disputed_amount,
  source.net_amount, source.difference_amount, source.reconciliation_status, source._row_hash, :run_id, :now
);
