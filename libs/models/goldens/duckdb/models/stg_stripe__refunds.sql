create table if not exists staging.stg_stripe__refunds (
  refund_id varchar not null,
  charge_id varchar,
  payment_intent_id varchar,
  balance_transaction_id varchar,
  order_id varchar,
  refund_status varchar,
  refund_reason varchar,
  currency_code varchar,
  currency_exponent bigint,
  amount_minor bigint,
  created_at timestamptz,
  observed_at timestamptz,
  is_deleted boolean not null,
  deleted_at timestamptz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamptz not null,
  _loaded_at timestamptz not null,
  _staged_at timestamptz not null
);

insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
select
  _run_id,
  'stripe',
  'refunds',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.stripe__refunds as raw_row
where id is null
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_stripe__refunds as target
using (
  with batch as (
    select *
    from raw.stripe__refunds
    where _loaded_at > $1
      and _loaded_at <= $2
      and id is not null
  ),

  renamed as (
    select
      id as refund_id,
      charge_id,
      payment_intent_id,
      balance_transaction_id,
      order_id,
      status as refund_status,
      reason as refund_reason,
      upper(currency) as currency_code,
      currency_exponent,
      amount as amount_minor,
      created as created_at,
      observed_at,
      md5(coalesce(cast(length(cast(charge_id as varchar)) as varchar) || ':' || cast(charge_id as varchar), '~') || coalesce(cast(length(cast(payment_intent_id as varchar)) as varchar) || ':' || cast(payment_intent_id as varchar), '~') || coalesce(cast(length(cast(balance_transaction_id as varchar)) as varchar) || ':' || cast(balance_transaction_id as varchar), '~') || coalesce(cast(length(cast(amount as varchar)) as varchar) || ':' || cast(amount as varchar), '~') || coalesce(cast(length(cast(currency as varchar)) as varchar) || ':' || cast(currency as varchar), '~') || coalesce(cast(length(cast(currency_exponent as varchar)) as varchar) || ':' || cast(currency_exponent as varchar), '~') || coalesce(cast(length(cast(status as varchar)) as varchar) || ':' || cast(status as varchar), '~') || coalesce(cast(length(cast(reason as varchar)) as varchar) || ':' || cast(reason as varchar), '~') || coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~') || coalesce(cast(length(cast(created as varchar)) as varchar) || ':' || cast(created as varchar), '~') || coalesce(cast(length(cast(observed_at as varchar)) as varchar) || ':' || cast(observed_at as varchar), '~') || coalesce(cast(length(cast(metadata as varchar)) as varchar) || ':' || cast(metadata as varchar), '~')) as _row_hash,
      $3 as _run_id,
      _source_file,
      _row_number,
      _extracted_at,
      _loaded_at
    from batch
  ),

  final as (
    select *
    from renamed
    qualify row_number() over (
      partition by refund_id
      order by created_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.refund_id = source.refund_id
when matched and (
  source.created_at > target.created_at
  or (source.created_at = target.created_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  charge_id = source.charge_id,
  payment_intent_id = source.payment_intent_id,
  balance_transaction_id = source.balance_transaction_id,
  order_id = source.order_id,
  refund_status = source.refund_status,
  refund_reason = source.refund_reason,
  currency_code = source.currency_code,
  currency_exponent = source.currency_exponent,
  amount_minor = source.amount_minor,
  created_at = source.created_at,
  observed_at = source.observed_at,
  is_deleted = case when source.created_at > target.deleted_at then false else target.is_deleted end,
  deleted_at = case when source.created_at > target.deleted_at then null else target.deleted_at end,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = $4
when not matched then insert (
  refund_id, charge_id, payment_intent_id, balance_transaction_id, order_id, refund_status, refund_reason, currency_code, currency_exponent, amount_minor, created_at, observed_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.refund_id, source.charge_id, source.payment_intent_id, source.balance_transaction_id, source.order_id, source.refund_status, source.refund_reason, source.currency_code, source.currency_exponent, source.amount_minor, source.created_at, source.observed_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
