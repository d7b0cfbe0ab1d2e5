-- name:       dim_customer
-- grain:      one row per customer version (SCD2): a new version only when a tracked attribute changes
-- keys:       customer_sk = hash_key(customer_id, ts_key(valid_from)); (customer_id, valid_from) unique
-- depends-on: raw.orders_db__customers, stg_orders_db__customers, reconcile_orders_db__customers, stg_orders_db__orders
-- tracks:     raw.orders_db__customers._loaded_at, staging.stg_orders_db__customers._staged_at, staging.stg_orders_db__orders._staged_at
-- tracked:    email, first_name, last_name, phone, country_code (a change to anything else, updated_at included, makes no version)
-- validity:   [valid_from, valid_to): valid_from is the version's updated_at, except the first version,
--             valid from the customer's created_at (its updated_at if created_at is null or later);
--             valid_to is the next version's valid_from, null for the current version (is_current = true).
--             Inferred members are valid from 1900-01-01.
-- deletes:    is_deleted, deleted_at describe the customer, not a version: every version of a customer
--             flagged in staging carries the same pair, ranges unchanged; inferred members are never deleted.

-- History is rebuilt from raw, which keeps every landed version, for the
-- customers touched by this batch only: versions deduplicated on
-- (customer_id, updated_at), consecutive versions with the same tracked
-- attributes collapsed, ranges recomputed with lead(). So a late or
-- out-of-order version splits the range it falls in, and a replay changes nothing.
--
-- Inferred members: a customer an order names before the customer has landed
-- gets a row with null attributes, is_inferred = true, valid from 1900-01-01.
-- When the customer lands, its first version keeps that valid_from, so the
-- row is completed in place under the same customer_sk and facts keep their key.
--
-- Hard deletes: the flag is copied from staging onto every version, and the
-- ranges are left alone, so facts keep the version valid at order time. The
-- reconciliation flags (and a newer version un-flags) staging without landing
-- a raw version, so staging's _staged_at is tracked too: a customer whose
-- staged row changed is touched like one with a new raw version. The flag is
-- in _row_hash, so only a change to it rewrites the rows.
--
-- Rows the rebuilt history no longer has (a late version moved a range start)
-- are deleted by the same MERGE; facts pointing at them are re-pointed because
-- fct_orders re-reads the orders of customers merged here.

create table if not exists curated.dim_customer (
  customer_sk varchar not null,
  customer_id bigint not null,
  email varchar,
  first_name varchar,
  last_name varchar,
  phone varchar,
  country_code varchar,
  customer_created_at {{ ts_type() }},
  valid_from {{ ts_type() }} not null,
  valid_to {{ ts_type() }},
  is_current boolean not null,
  is_inferred boolean not null,
  is_deleted boolean not null,
  deleted_at {{ ts_type() }},
  source_updated_at {{ ts_type() }},
  _row_hash varchar not null,
  _run_id varchar not null,
  _merged_at {{ ts_type() }} not null
);

merge into curated.dim_customer as target
using (
  with touched_customers as (
    select customer_id
    from raw.orders_db__customers
    where _loaded_at > :processed_through
      and _loaded_at <= :batch_end
      and customer_id is not null
    union
    select customer_id
    from staging.stg_orders_db__customers
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
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
      and _loaded_at <= :batch_end
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
      {{ hash_key(email, first_name, last_name, phone, country_code) }} as attributes_hash
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
    having min(valid_from) = {{ utc_midnight('1900-01-01') }}
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
      {{ ts_key(valid_from) }} as valid_from_key
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
      {{ hash_key(customer_id, valid_from_key) }} as customer_sk,
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
      {{ hash_key(attributes_hash, created_at, valid_from, valid_to, updated_at, is_deleted, deleted_at) }} as _row_hash,
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
    where _staged_at > :processed_through
      and _staged_at <= :batch_end
      and customer_id is not null
      and customer_id not in (select customer_id from curated.dim_customer)
      and customer_id not in (select customer_id from versions)
  ),

  inferred_start as (
    select customer_id, {{ utc_midnight('1900-01-01') }} as valid_from
    from unknown_customers
  ),

  inferred_keyed as (
    select customer_id, valid_from, {{ ts_key(valid_from) }} as valid_from_key
    from inferred_start
  ),

  inferred as (
    select
      {{ hash_key(customer_id, valid_from_key) }} as customer_sk,
      customer_id,
      cast(null as varchar) as email,
      cast(null as varchar) as first_name,
      cast(null as varchar) as last_name,
      cast(null as varchar) as phone,
      cast(null as varchar) as country_code,
      cast(null as {{ ts_type() }}) as customer_created_at,
      valid_from,
      cast(null as {{ ts_type() }}) as valid_to,
      true as is_current,
      true as is_inferred,
      false as is_deleted,
      cast(null as {{ ts_type() }}) as deleted_at,
      cast(null as {{ ts_type() }}) as source_updated_at,
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
  _run_id = :run_id,
  _merged_at = :now
when not matched and not source._drop then insert (
  customer_sk, customer_id, email, first_name, last_name, phone, country_code, customer_created_at,
  valid_from, valid_to, is_current, is_inferred, is_deleted, deleted_at, source_updated_at, _row_hash, _run_id, _merged_at
) values (
  source.customer_sk, source.customer_id, source.email, source.first_name, source.last_name, source.phone, source.country_code, source.customer_created_at,
  source.valid_from, source.valid_to, source.is_current, source.is_inferred, source.is_deleted, source.deleted_at, source.source_updated_at, source._row_hash, :run_id, :now
);
