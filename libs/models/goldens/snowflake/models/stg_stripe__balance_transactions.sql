create table if not exists staging.stg_stripe__balance_transactions (
  balance_transaction_id varchar not null,
  source_id varchar,
  transaction_type varchar,
  reporting_category varchar,
  transaction_status varchar,
  currency_code varchar,
  currency_exponent number(38, 0),
  amount_minor number(38, 0),
  fee_minor number(38, 0),
  net_minor number(38, 0),
  exchange_rate float,
  available_at timestamp_tz,
  created_at timestamp_tz,
  observed_at timestamp_tz,
  is_deleted boolean not null,
  deleted_at timestamp_tz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _source_file varchar not null,
  _row_number bigint not null,
  _extracted_at timestamp_tz not null,
  _loaded_at timestamp_tz not null,
  _staged_at timestamp_tz not null
);

insert into ops.quarantine (run_id, source, entity, source_file, row_number, reason, record, quarantined_at)
select
  _run_id,
  'stripe',
  'balance_transactions',
  _source_file,
  _row_number,
  'id is null: the business key is missing',
  to_json(object_construct_keep_null(raw_row.*)),
  :1
from raw.stripe__balance_transactions as raw_row
where id is null
  and _loaded_at > :2
  and _loaded_at <= :3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_stripe__balance_transactions as target
using (
  with batch as (
    select *
    from raw.stripe__balance_transactions
    where _loaded_at > :1
      and _loaded_at <= :2
      and id is not null
  ),

  renamed as (
    select
      id as balance_transaction_id,
      source_id,
      type as transaction_type,
      reporting_category,
      status as transaction_status,
      upper(currency) as currency_code,
      currency_exponent,
      amount as amount_minor,
      fee as fee_minor,
      net as net_minor,
      exchange_rate,
      available_on as available_at,
      created as created_at,
      observed_at,
      md5(coalesce(cast(length(cast(amount as varchar)) as varchar) || ':' || cast(amount as varchar), '~') || coalesce(cast(length(cast(fee as varchar)) as varchar) || ':' || cast(fee as varchar), '~') || coalesce(cast(length(cast(net as varchar)) as varchar) || ':' || cast(net as varchar), '~') || coalesce(cast(length(cast(currency as varchar)) as varchar) || ':' || cast(currency as varchar), '~') || coalesce(cast(length(cast(currency_exponent as varchar)) as varchar) || ':' || cast(currency_exponent as varchar), '~') || coalesce(cast(length(cast(type as varchar)) as varchar) || ':' || cast(type as varchar), '~') || coalesce(cast(length(cast(reporting_category as varchar)) as varchar) || ':' || cast(reporting_category as varchar), '~') || coalesce(cast(length(cast(status as varchar)) as varchar) || ':' || cast(status as varchar), '~') || coalesce(cast(length(cast(source_id as varchar)) as varchar) || ':' || cast(source_id as varchar), '~') || coalesce(cast(length(cast(exchange_rate as varchar)) as varchar) || ':' || cast(exchange_rate as varchar), '~') || coalesce(cast(length(cast(available_on as varchar)) as varchar) || ':' || cast(available_on as varchar), '~') || coalesce(cast(length(cast(description as varchar)) as varchar) || ':' || cast(description as varchar), '~') || coalesce(cast(length(cast(created as varchar)) as varchar) || ':' || cast(created as varchar), '~') || coalesce(cast(length(cast(observed_at as varchar)) as varchar) || ':' || cast(observed_at as varchar), '~')) as _row_hash,
      :3 as _run_id,
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
      partition by balance_transaction_id
      order by created_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.balance_transaction_id = source.balance_transaction_id
when matched and (
  source.created_at > target.created_at
  or (source.created_at = target.created_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  source_id = source.source_id,
  transaction_type = source.transaction_type,
  reporting_category = source.reporting_category,
  transaction_status = source.transaction_status,
  currency_code = source.currency_code,
  currency_exponent = source.currency_exponent,
  amount_minor = source.amount_minor,
  fee_minor = source.fee_minor,
  net_minor = source.net_minor,
  exchange_rate = source.exchange_rate,
  available_at = source.available_at,
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
  _staged_at = :4
when not matched then insert (
  balance_transaction_id, source_id, transaction_type, reporting_category, transaction_status, currency_code, currency_exponent, amount_minor, fee_minor, net_minor, exchange_rate, available_at, created_at, observed_at, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.balance_transaction_id, source.source_id, source.transaction_type, source.reporting_category, source.transaction_status, source.currency_code, source.currency_exponent, source.amount_minor, source.fee_minor, source.net_minor, source.exchange_rate, source.available_at, source.created_at, source.observed_at, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, :4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
