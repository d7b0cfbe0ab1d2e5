create table if not exists curated.fct_payments (
  payment_sk varchar not null,
  payment_type varchar not null,
  movement_id varchar not null,
  charge_id varchar,
  order_id varchar,
  order_sk varchar,
  customer_id varchar,
  payment_status varchar,
  currency_code varchar not null,
  amount decimal(18, 3) not null,
  fee_amount decimal(18, 3),
  net_amount decimal(18, 3),
  payment_date date not null,
  occurred_at timestamp_tz not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamp_tz not null
) cluster by (payment_date);

merge into curated.fct_payments as target
using (
  with changed_orders as (
    select cast(order_id as varchar) as order_id
    from curated.fct_orders
    where _merged_at > :1
      and _merged_at <= :2
  ),

  changed_transactions as (
    select balance_transaction_id
    from staging.stg_stripe__balance_transactions
    where _staged_at > :1
      and _staged_at <= :2
  ),

  charges as (
    select *
    from staging.stg_stripe__charges
    where livemode
  ),

  -- A movement is re-read when its own row, its charge, its balance
  -- transaction or its order changed in the batch. One branch per reason, not
  -- one `or`: each branch then reads only what it needs (the batch's
  -- _staged_at range, the changed ids), so an hour reads its changes instead
  -- of all of staging (docs/performance.md, decision D17). The MERGE rewrites
  -- only what differs (_row_hash), so a movement re-read unchanged keeps its
  -- _run_id and _merged_at.
  changed_charges as (
    select charge_id
    from charges
    where _staged_at > :1
      and _staged_at <= :2
    union
    select charge_id
    from charges
    where order_id in (select order_id from changed_orders)
    union
    select charge_id
    from charges
    where balance_transaction_id in (select balance_transaction_id from changed_transactions)
  ),

  changed_refunds as (
    select refund_id
    from staging.stg_stripe__refunds
    where _staged_at > :1
      and _staged_at <= :2
    union
    select refund_id
    from staging.stg_stripe__refunds
    where charge_id in (select charge_id from changed_charges)
    union
    select refund_id
    from staging.stg_stripe__refunds
    where order_id in (select order_id from changed_orders)
    union
    select refund_id
    from staging.stg_stripe__refunds
    where balance_transaction_id in (select balance_transaction_id from changed_transactions)
  ),

  changed_disputes as (
    select dispute_id
    from staging.stg_stripe__disputes
    where _staged_at > :1
      and _staged_at <= :2
    union
    select dispute_id
    from staging.stg_stripe__disputes
    where charge_id in (select charge_id from changed_charges)
  ),

  charge_movements as (
    select
      'charge' as payment_type,
      charge_id as movement_id,
      charge_id,
      order_id,
      customer_id,
      charge_status as payment_status,
      currency_code,
      currency_exponent,
      amount_captured_minor as amount_minor,
      balance_transaction_id,
      created_at
    from charges
    where charge_status = 'succeeded'
      and charge_id in (select charge_id from changed_charges)
  ),

  refund_movements as (
    select
      'refund' as payment_type,
      refund.refund_id as movement_id,
      refund.charge_id,
      coalesce(charge.order_id, refund.order_id) as order_id,
      charge.customer_id,
      refund.refund_status as payment_status,
      refund.currency_code,
      refund.currency_exponent,
      -refund.amount_minor as amount_minor,
      refund.balance_transaction_id,
      refund.created_at
    from staging.stg_stripe__refunds as refund
    left join charges as charge
      on charge.charge_id = refund.charge_id
    where refund.refund_id in (select refund_id from changed_refunds)
  ),

  disputes as (
    select
      dispute.*,
      charge.order_id,
      charge.customer_id
    from staging.stg_stripe__disputes as dispute
    left join charges as charge
      on charge.charge_id = dispute.charge_id
    where dispute.livemode
      and dispute.dispute_id in (select dispute_id from changed_disputes)
  ),

  -- An inquiry (warning_*) withdraws nothing; a dispute withdraws its amount
  -- when opened, and a won one gives it back: a second movement, dated when
  -- the dispute was seen won.
  dispute_movements as (
    select
      'dispute' as payment_type,
      dispute_id as movement_id,
      charge_id,
      order_id,
      customer_id,
      dispute_status as payment_status,
      currency_code,
      currency_exponent,
      case when dispute_status like 'warning%' then 0 else -amount_minor end as amount_minor,
      cast(null as varchar) as balance_transaction_id,
      created_at
    from disputes
    union all
    select
      'dispute_reversal' as payment_type,
      dispute_id as movement_id,
      charge_id,
      order_id,
      customer_id,
      dispute_status as payment_status,
      currency_code,
      currency_exponent,
      amount_minor,
      cast(null as varchar) as balance_transaction_id,
      observed_at as created_at
    from disputes
    where dispute_status = 'won'
  ),

  movements as (
    select * from charge_movements
    union all
    select * from refund_movements
    union all
    select * from dispute_movements
  ),

  -- Exact: an integer times 1, 0.01 or 0.001, held in a decimal.
  in_major_units as (
    select
      movements.*,
      case movements.currency_exponent when 0 then 1 when 3 then 0.001 else 0.01 end as minor_unit
    from movements
  ),

  final as (
    select
      md5(coalesce(cast(length(cast(m.payment_type as varchar)) as varchar) || ':' || cast(m.payment_type as varchar), '~') || coalesce(cast(length(cast(m.movement_id as varchar)) as varchar) || ':' || cast(m.movement_id as varchar), '~')) as payment_sk,
      m.payment_type,
      m.movement_id,
      m.charge_id,
      m.order_id,
      orders.order_sk,
      m.customer_id,
      m.payment_status,
      m.currency_code,
      cast(m.amount_minor * m.minor_unit as decimal(18, 3)) as amount,
      cast(txn.fee_minor * m.minor_unit as decimal(18, 3)) as fee_amount,
      cast(coalesce(-txn.fee_minor, 0) * m.minor_unit + m.amount_minor * m.minor_unit as decimal(18, 3)) as net_amount,
      cast(m.created_at as date) as payment_date,
      m.created_at as occurred_at,
      md5(coalesce(cast(length(cast(m.charge_id as varchar)) as varchar) || ':' || cast(m.charge_id as varchar), '~') || coalesce(cast(length(cast(m.payment_status as varchar)) as varchar) || ':' || cast(m.payment_status as varchar), '~') || coalesce(cast(length(cast(m.order_id as varchar)) as varchar) || ':' || cast(m.order_id as varchar), '~') || coalesce(cast(length(cast(orders.order_sk as varchar)) as varchar) || ':' || cast(orders.order_sk as varchar), '~') || coalesce(cast(length(cast(m.customer_id as varchar)) as varchar) || ':' || cast(m.customer_id as varchar), '~') || coalesce(cast(length(cast(m.currency_code as varchar)) as varchar) || ':' || cast(m.currency_code as varchar), '~') || coalesce(cast(length(cast(m.amount_minor as varchar)) as varchar) || ':' || cast(m.amount_minor as varchar), '~') || coalesce(cast(length(cast(txn.fee_minor as varchar)) as varchar) || ':' || cast(txn.fee_minor as varchar), '~') || coalesce(cast(length(cast(m.created_at as varchar)) as varchar) || ':' || cast(m.created_at as varchar), '~')) as _row_hash,
      :3 as _run_id
    from in_major_units as m
    left join staging.stg_stripe__balance_transactions as txn
      on txn.balance_transaction_id = m.balance_transaction_id
    left join curated.fct_orders as orders
      on cast(orders.order_id as varchar) = m.order_id
  )

  select * from final
) as source
on target.payment_sk = source.payment_sk
when matched and source._row_hash <> target._row_hash then update set
  charge_id = source.charge_id,
  order_id = source.order_id,
  order_sk = source.order_sk,
  customer_id = source.customer_id,
  payment_status = source.payment_status,
  currency_code = source.currency_code,
  amount = source.amount,
  fee_amount = source.fee_amount,
  net_amount = source.net_amount,
  payment_date = source.payment_date,
  occurred_at = source.occurred_at,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _merged_at = :4
when not matched then insert (
  payment_sk, payment_type, movement_id, charge_id, order_id, order_sk, customer_id, payment_status, currency_code,
  amount, fee_amount, net_amount, payment_date, occurred_at, _row_hash, _run_id, _merged_at
) values (
  source.payment_sk, source.payment_type, source.movement_id, source.charge_id, source.order_id, source.order_sk, source.customer_id, source.payment_status, source.currency_code,
  source.amount, source.fee_amount, source.net_amount, source.payment_date, source.occurred_at, source._row_hash, source._run_id, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
