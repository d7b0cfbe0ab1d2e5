create table if not exists staging.stg_stripe__charges (
  charge_id varchar not null,
  customer_id varchar,
  payment_intent_id varchar,
  balance_transaction_id varchar,
  order_id varchar,
  charge_status varchar,
  currency_code varchar,
  currency_exponent bigint,
  amount_minor bigint,
  amount_captured_minor bigint,
  amount_refunded_minor bigint,
  is_paid boolean,
  is_captured boolean,
  is_refunded boolean,
  is_disputed boolean,
  billing_email varchar,
  billing_name varchar,
  billing_address_line1 varchar,
  billing_address_postal_code varchar,
  billing_address_country varchar,
  payment_method_type varchar,
  card_brand varchar,
  card_last4 varchar,
  card_fingerprint varchar,
  failure_code varchar,
  created_at timestamptz,
  observed_at timestamptz,
  livemode boolean,
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
  'charges',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.stripe__charges as raw_row
where id is null
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_stripe__charges as target
using (
  with batch as (
    select *
    from raw.stripe__charges
    where _loaded_at > $1
      and _loaded_at <= $2
      and id is not null
  ),

  renamed as (
    select
      id as charge_id,
      customer_id,
      payment_intent_id,
      balance_transaction_id,
      order_id,
      status as charge_status,
      upper(currency) as currency_code,
      currency_exponent,
      amount as amount_minor,
      amount_captured as amount_captured_minor,
      amount_refunded as amount_refunded_minor,
      paid as is_paid,
      captured as is_captured,
      refunded as is_refunded,
      disputed as is_disputed,
      billing_email,
      billing_name,
      billing_address_line1,
      billing_address_postal_code,
      billing_address_country,
      payment_method_type,
      card_brand,
      card_last4,
      card_fingerprint,
      failure_code,
      created as created_at,
      observed_at,
      livemode,
      md5(coalesce(cast(length(cast(amount as varchar)) as varchar) || ':' || cast(amount as varchar), '~') || coalesce(cast(length(cast(amount_captured as varchar)) as varchar) || ':' || cast(amount_captured as varchar), '~') || coalesce(cast(length(cast(amount_refunded as varchar)) as varchar) || ':' || cast(amount_refunded as varchar), '~') || coalesce(cast(length(cast(currency as varchar)) as varchar) || ':' || cast(currency as varchar), '~') || coalesce(cast(length(cast(currency_exponent as varchar)) as varchar) || ':' || cast(currency_exponent as varchar), '~') || coalesce(cast(length(cast(status as varchar)) as varchar) || ':' || cast(status as varchar), '~') || coalesce(cast(length(cast(paid as varchar)) as varchar) || ':' || cast(paid as varchar), '~') || coalesce(cast(length(cast(captured as varchar)) as varchar) || ':' || cast(captured as varchar), '~') || coalesce(cast(length(cast(refunded as varchar)) as varchar) || ':' || cast(refunded as varchar), '~') || coalesce(cast(length(cast(disputed as varchar)) as varchar) || ':' || cast(disputed as varchar), '~') || coalesce(cast(length(cast(customer_id as varchar)) as varchar) || ':' || cast(customer_id as varchar), '~') || coalesce(cast(length(cast(payment_intent_id as varchar)) as varchar) || ':' || cast(payment_intent_id as varchar), '~') || coalesce(cast(length(cast(balance_transaction_id as varchar)) as varchar) || ':' || cast(balance_transaction_id as varchar), '~') || coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~') || coalesce(cast(length(cast(billing_email as varchar)) as varchar) || ':' || cast(billing_email as varchar), '~') || coalesce(cast(length(cast(billing_name as varchar)) as varchar) || ':' || cast(billing_name as varchar), '~') || coalesce(cast(length(cast(billing_address_line1 as varchar)) as varchar) || ':' || cast(billing_address_line1 as varchar), '~') || coalesce(cast(length(cast(billing_address_postal_code as varchar)) as varchar) || ':' || cast(billing_address_postal_code as varchar), '~') || coalesce(cast(length(cast(billing_address_country as varchar)) as varchar) || ':' || cast(billing_address_country as varchar), '~') || coalesce(cast(length(cast(payment_method_type as varchar)) as varchar) || ':' || cast(payment_method_type as varchar), '~') || coalesce(cast(length(cast(card_brand as varchar)) as varchar) || ':' || cast(card_brand as varchar), '~') || coalesce(cast(length(cast(card_last4 as varchar)) as varchar) || ':' || cast(card_last4 as varchar), '~') || coalesce(cast(length(cast(card_fingerprint as varchar)) as varchar) || ':' || cast(card_fingerprint as varchar), '~') || coalesce(cast(length(cast(failure_code as varchar)) as varchar) || ':' || cast(failure_code as varchar), '~') || coalesce(cast(length(cast(failure_message as varchar)) as varchar) || ':' || cast(failure_message as varchar), '~') || coalesce(cast(length(cast(description as varchar)) as varchar) || ':' || cast(description as varchar), '~') || coalesce(cast(length(cast(created as varchar)) as varchar) || ':' || cast(created as varchar), '~') || coalesce(cast(length(cast(observed_at as varchar)) as varchar) || ':' || cast(observed_at as varchar), '~') || coalesce(cast(length(cast(livemode as varchar)) as varchar) || ':' || cast(livemode as varchar), '~') || coalesce(cast(length(cast(metadata as varchar)) as varchar) || ':' || cast(metadata as varchar), '~')) as _row_hash,
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
      partition by charge_id
      order by created_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.charge_id = source.charge_id
when matched and (
  source.created_at > target.created_at
  or (source.created_at = target.created_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  customer_id = source.customer_id,
  payment_intent_id = source.payment_intent_id,
  balance_transaction_id = source.balance_transaction_id,
  order_id = source.order_id,
  charge_status = source.charge_status,
  currency_code = source.currency_code,
  currency_exponent = source.currency_exponent,
  amount_minor = source.amount_minor,
  amount_captured_minor = source.amount_captured_minor,
  amount_refunded_minor = source.amount_refunded_minor,
  is_paid = source.is_paid,
  is_captured = source.is_captured,
  is_refunded = source.is_refunded,
  is_disputed = source.is_disputed,
  billing_email = source.billing_email,
  billing_name = source.billing_name,
  billing_address_line1 = source.billing_address_line1,
  billing_address_postal_code = source.billing_address_postal_code,
  billing_address_country = source.billing_address_country,
  payment_method_type = source.payment_method_type,
  card_brand = source.card_brand,
  card_last4 = source.card_last4,
  card_fingerprint = source.card_fingerprint,
  failure_code = source.failure_code,
  created_at = source.created_at,
  observed_at = source.observed_at,
  livemode = source.livemode,
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
  charge_id, customer_id, payment_intent_id, balance_transaction_id, order_id, charge_status, currency_code, currency_exponent, amount_minor, amount_captured_minor, amount_refunded_minor, is_paid, is_captured, is_refunded, is_disputed, billing_email, billing_name, billing_address_line1, billing_address_postal_code, billing_address_country, payment_method_type, card_brand, card_last4, card_fingerprint, failure_code, created_at, observed_at, livemode, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.charge_id, source.customer_id, source.payment_intent_id, source.balance_transaction_id, source.order_id, source.charge_status, source.currency_code, source.currency_exponent, source.amount_minor, source.amount_captured_minor, source.amount_refunded_minor, source.is_paid, source.is_captured, source.is_refunded, source.is_disputed, source.billing_email, source.billing_name, source.billing_address_line1, source.billing_address_postal_code, source.billing_address_country, source.payment_method_type, source.card_brand, source.card_last4, source.card_fingerprint, source.failure_code, source.created_at, source.observed_at, source.livemode, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
