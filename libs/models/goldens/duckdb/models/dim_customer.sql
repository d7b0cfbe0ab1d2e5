create table if not exists curated.dim_customer (
  customer_sk varchar not null,
  customer_id bigint not null,
  email varchar,
  first_name varchar,
  last_name varchar,
  phone varchar,
  country_code varchar,
  customer_created_at timestamptz,
  valid_from timestamptz not null,
  valid_to timestamptz,
  is_current boolean not null,
  is_inferred boolean not null,
  is_deleted boolean not null,
  deleted_at timestamptz,
  source_updated_at timestamptz,
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at timestamptz not null
);

merge into curated.dim_customer as target
using (
  with touched_customers as (
    select customer_id
    from raw.orders_db__customers
    where _loaded_at > $1
      and _loaded_at <= $2
      and customer_id is not null
    union
    select customer_id
    from staging.stg_orders_db__customers
    where _staged_at > $1
      and _staged_at <= $2
  ),

  staged_flags as (
    select customer_id, is_deleted, deleted_at
    from staging.stg_orders_db__customers
    where customer_id in (select customer_id from touched_customers)
  ),

  raw_versions as (
    select customer_id, email, first_name, last_name, phone, upper(country) as country_code, created_at, updated_at, _extracted_at, _source_file, _row_number
    from raw.orders_db__customers
    where customer_id in (select customer_id from touched_customers)
      and _loaded_at <= $2
      and updated_at is not null
  ),

  deduplicated as (
    select *
    from raw_versions
    qualify row_number() over (
      partition by customer_id, updated_at
      order by _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  ),

  hashed as (
    select
      deduplicated.*,
      md5(coalesce(cast(length(cast(email as varchar)) as varchar) || ':' || cast(email as varchar), '~') || coalesce(cast(length(cast(first_name as varchar)) as varchar) || ':' || cast(first_name as varchar), '~') || coalesce(cast(length(cast(last_name as varchar)) as varchar) || ':' || cast(last_name as varchar), '~') || coalesce(cast(length(cast(phone as varchar)) as varchar) || ':' || cast(phone as varchar), '~') || coalesce(cast(length(cast(country_code as varchar)) as varchar) || ':' || cast(country_code as varchar), '~')) as attributes_hash
    from deduplicated
  ),

  collapsed as (
    select *
    from hashed
    qualify lag(attributes_hash) over (partition by customer_id order by updated_at) is distinct from attributes_hash
  ),

  inferred_anchors as (
    select customer_id, min(valid_from) as anchored_from
    from curated.dim_customer
    where customer_id in (select customer_id from touched_customers)
    group by customer_id
    having min(valid_from) = cast('1900-01-01 00:00:00+00' as timestamptz)
  ),

  -- Snowflake's least() is null when any argument is (DuckDB's skips nulls):
  -- a first version without created_at falls back to its updated_at on both,
  -- not to a null valid_from that would fail the whole MERGE.
  started as (
    select
      collapsed.*,
      case
        when row_number() over (partition by collapsed.customer_id order by collapsed.updated_at) = 1
          then coalesce(inferred_anchors.anchored_from, least(collapsed.created_at, collapsed.updated_at), collapsed.updated_at)
        else collapsed.updated_at
      end as valid_from
    from collapsed
    left join inferred_anchors on inferred_anchors.customer_id = collapsed.customer_id
  ),

  ranged as (
    select
      started.*,
      lead(valid_from) over (partition by customer_id order by valid_from) as valid_to,
      strftime(timezone('UTC', valid_from), '%Y-%m-%dT%H:%M:%S.%fZ') as valid_from_key
    from started
  ),

  flagged as (
    select
      ranged.*,
      coalesce(staged_flags.is_deleted, false) as is_deleted,
      staged_flags.deleted_at
    from ranged
    left join staged_flags on staged_flags.customer_id = ranged.customer_id
  ),

  versions as (
    select
      md5(coalesce(cast(length(cast(customer_id as varchar)) as varchar) || ':' || cast(customer_id as varchar), '~') || coalesce(cast(length(cast(valid_from_key as varchar)) as varchar) || ':' || cast(valid_from_key as varchar), '~')) as customer_sk,
      customer_id,
      email,
      first_name,
      last_name,
      phone,
      country_code,
      created_at as customer_created_at,
      valid_from,
      valid_to,
      valid_to is null as is_current,
      false as is_inferred,
      is_deleted,
      deleted_at,
      updated_at as source_updated_at,
      md5(coalesce(cast(length(cast(attributes_hash as varchar)) as varchar) || ':' || cast(attributes_hash as varchar), '~') || coalesce(cast(length(cast(created_at as varchar)) as varchar) || ':' || cast(created_at as varchar), '~') || coalesce(cast(length(cast(valid_from as varchar)) as varchar) || ':' || cast(valid_from as varchar), '~') || coalesce(cast(length(cast(valid_to as varchar)) as varchar) || ':' || cast(valid_to as varchar), '~') || coalesce(cast(length(cast(updated_at as varchar)) as varchar) || ':' || cast(updated_at as varchar), '~') || coalesce(cast(length(cast(is_deleted as varchar)) as varchar) || ':' || cast(is_deleted as varchar), '~') || coalesce(cast(length(cast(deleted_at as varchar)) as varchar) || ':' || cast(deleted_at as varchar), '~')) as _row_hash,
      false as _drop
    from flagged
  ),

  superseded as (
    select
      customer_sk, customer_id, email, first_name, last_name, phone, country_code, customer_created_at,
      valid_from, valid_to, is_current, is_inferred, is_deleted, deleted_at, source_updated_at, _row_hash,
      true as _drop
    from curated.dim_customer
    where customer_id in (select customer_id from versions)
      and customer_sk not in (select customer_sk from versions)
  ),

  unknown_customers as (
    select distinct customer_id
    from staging.stg_orders_db__orders
    where _staged_at > $1
      and _staged_at <= $2
      and customer_id is not null
      and customer_id not in (select customer_id from curated.dim_customer)
      and customer_id not in (select customer_id from versions)
  ),

  inferred_start as (
    select customer_id, cast('1900-01-01 00:00:00+00' as timestamptz) as valid_from
    from unknown_customers
  ),

  inferred_keyed as (
    select customer_id, valid_from, strftime(timezone('UTC', valid_from), '%Y-%m-%dT%H:%M:%S.%fZ') as valid_from_key
    from inferred_start
  ),

  inferred as (
    select
      md5(coalesce(cast(length(cast(customer_id as varchar)) as varchar) || ':' || cast(customer_id as varchar), '~') || coalesce(cast(length(cast(valid_from_key as varchar)) as varchar) || ':' || cast(valid_from_key as varchar), '~')) as customer_sk,
      customer_id,
      cast(null as varchar) as email,
      cast(null as varchar) as first_name,
      cast(null as varchar) as last_name,
      cast(null as varchar) as phone,
      cast(null as varchar) as country_code,
      cast(null as timestamptz) as customer_created_at,
      valid_from,
      cast(null as timestamptz) as valid_to,
      true as is_current,
      true as is_inferred,
      false as is_deleted,
      cast(null as timestamptz) as deleted_at,
      cast(null as timestamptz) as source_updated_at,
      'inferred' as _row_hash,
      false as _drop
    from inferred_keyed
  ),

  final as (
    select * from versions
    union all
    select * from superseded
    union all
    select * from inferred
  )

  select * from final
) as source
-- customer_sk implies customer_id; the integer conjunct lets Snowflake prune
-- the target by the batch's customer_id range (a hash prunes nothing).
on target.customer_sk = source.customer_sk
  and target.customer_id = source.customer_id
when matched and source._drop then delete
when matched and source._row_hash <> target._row_hash then update set
  email = source.email,
  first_name = source.first_name,
  last_name = source.last_name,
  phone = source.phone,
  country_code = source.country_code,
  customer_created_at = source.customer_created_at,
  valid_from = source.valid_from,
  valid_to = source.valid_to,
  is_current = source.is_current,
  is_inferred = source.is_inferred,
  is_deleted = source.is_deleted,
  deleted_at = source.deleted_at,
  source_updated_at = source.source_updated_at,
  _row_hash = source._row_hash,
  _run_id = $3,
  _merged_at = $4
when not matched and not source._drop then insert (
  customer_sk, customer_id, email, first_name, last_name, phone, country_code, customer_created_at,
  valid_from, valid_to, is_current, is_inferred, is_deleted, deleted_at, source_updated_at, _row_hash, _run_id, _merged_at
) values (
  source.customer_sk, source.customer_id, source.email, source.first_name, source.last_name, source.phone, source.country_code, source.customer_created_at,
  source.valid_from, source.valid_to, source.is_current, source.is_inferred, source.is_deleted, source.deleted_at, source.source_updated_at, source._row_hash, $3, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
