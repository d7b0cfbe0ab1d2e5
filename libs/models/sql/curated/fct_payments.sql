-- name:       fct_payments
-- grain:      one row per money movement: a charge, a refund, a dispute, a dispute reversal
-- keys:       payment_sk = hash_key(payment_type, movement_id); payment_type, movement_id unique
-- depends-on: stg_stripe__charges, stg_stripe__refunds, stg_stripe__disputes, stg_stripe__balance_transactions, fct_orders
-- tracks:     staging.stg_stripe__charges._staged_at, staging.stg_stripe__refunds._staged_at, staging.stg_stripe__disputes._staged_at, staging.stg_stripe__balance_transactions._staged_at, curated.fct_orders._merged_at
-- cluster-by: payment_date

-- Signed amounts in major units of the movement's currency: money in is
-- positive (a charge's captured amount, a won dispute given back), money out
-- negative (a refund, a dispute's withdrawal). Stripe's minor units become
-- major ones by the currency's exponent (currency_exponent, set by the
-- extractor: 0 for JPY, 3 for KWD), exactly, in decimals. Fee and net come
-- from the balance transaction when there is one (disputes carry none here).
-- order_id is the shop's metadata.order_id (a refund or dispute takes its
-- charge's); order_sk is set only once that order is in fct_orders, and a
-- payment whose order lands later is re-read then: never dropped, counted by
-- the fct_payments_unresolved_order warning until resolved.
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
  occurred_at {{ ts_type() }} not null,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
) {{ cluster_by }};

merge into curated.fct_payments as target
using (
  with changed_orders as (
    select cast(order_id as varchar) as order_id
    from curated.fct_orders
    where _merged_at > :processed_through
      and _merged_at <= :batch_end
  ),

  changed_transactions as (
    select balance_transaction_id
    from staging.stg_stripe__balance_transactions
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
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
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
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
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
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
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
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
      {{ hash_key(m.payment_type, m.movement_id) }} as payment_sk,
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
      {{ hash_key(m.charge_id, m.payment_status, m.order_id, orders.order_sk, m.customer_id, m.currency_code, m.amount_minor, txn.fee_minor, m.created_at) }} as _row_hash,
      :run_id as _run_id
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
  _merged_at = :now
when not matched then insert (
  payment_sk, payment_type, movement_id, charge_id, order_id, order_sk, customer_id, payment_status, currency_code,
  amount, fee_amount, net_amount, payment_date, occurred_at, _row_hash, _run_id, _merged_at
) values (
  source.payment_sk, source.payment_type, source.movement_id, source.charge_id, source.order_id, source.order_sk, source.customer_id, source.payment_status, source.currency_code,
  source.amount, source.fee_amount, source.net_amount, source.payment_date, source.occurred_at, source._row_hash, source._run_id, :now
);
