create table if not exists staging.stg_partner_files__shipments (
  partner varchar not null,
  shipment_id varchar not null,
  order_id bigint,
  carrier varchar,
  tracking_number varchar,
  shipment_status varchar not null,
  status_at timestamptz,
  ship_to_postcode varchar,
  weight_kg decimal(10, 3),
  source_file_name varchar,
  source_file_line bigint,
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
  'partner_files',
  'shipments',
  _source_file,
  _row_number,
  'partner or shipment_id or status is null: the business key is missing',
  cast(to_json(raw_row) as varchar),
  $1
from raw.partner_files__shipments as raw_row
where (partner is null or shipment_id is null or status is null)
  and _loaded_at > $2
  and _loaded_at <= $3;
-- binds:
--   1: Date(2026-11-29T10:21:00.000Z)
--   2: Date(2026-11-29T09:20:00.125Z)
--   3: Date(2026-11-29T10:20:00.500Z)

merge into staging.stg_partner_files__shipments as target
using (
  with batch as (
    select *
    from raw.partner_files__shipments
    where _loaded_at > $1
      and _loaded_at <= $2
      and partner is not null and shipment_id is not null and status is not null
  ),

  renamed as (
    select
      partner,
      shipment_id,
      order_id,
      upper(carrier) as carrier,
      tracking_number,
      lower(status) as shipment_status,
      status_at,
      ship_to_postcode,
      weight_kg,
      file_name as source_file_name,
      file_line as source_file_line,
      md5(coalesce(cast(length(cast(order_id as varchar)) as varchar) || ':' || cast(order_id as varchar), '~') || coalesce(cast(length(cast(carrier as varchar)) as varchar) || ':' || cast(carrier as varchar), '~') || coalesce(cast(length(cast(tracking_number as varchar)) as varchar) || ':' || cast(tracking_number as varchar), '~') || coalesce(cast(length(cast(status_at as varchar)) as varchar) || ':' || cast(status_at as varchar), '~') || coalesce(cast(length(cast(ship_to_postcode as varchar)) as varchar) || ':' || cast(ship_to_postcode as varchar), '~') || coalesce(cast(length(cast(weight_kg as varchar)) as varchar) || ':' || cast(weight_kg as varchar), '~') || coalesce(cast(length(cast(file_name as varchar)) as varchar) || ':' || cast(file_name as varchar), '~') || coalesce(cast(length(cast(file_line as varchar)) as varchar) || ':' || cast(file_line as varchar), '~') || coalesce(cast(length(cast(unmapped_columns as varchar)) as varchar) || ':' || cast(unmapped_columns as varchar), '~')) as _row_hash,
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
      partition by partner, shipment_id, shipment_status
      order by status_at desc nulls last, _extracted_at desc, _source_file desc, _row_number desc
    ) = 1
  )

  select * from final
) as source
on target.partner = source.partner and target.shipment_id = source.shipment_id and target.shipment_status = source.shipment_status
when matched and (
  source.status_at > target.status_at
  or (source.status_at = target.status_at and source._row_hash <> target._row_hash and source._extracted_at > target._extracted_at)
) then update set
  order_id = source.order_id,
  carrier = source.carrier,
  tracking_number = source.tracking_number,
  status_at = source.status_at,
  ship_to_postcode = source.ship_to_postcode,
  weight_kg = source.weight_kg,
  source_file_name = source.source_file_name,
  source_file_line = source.source_file_line,
  is_deleted = case when source.status_at > target.deleted_at then false else target.is_deleted end,
  deleted_at = case when source.status_at > target.deleted_at then null else target.deleted_at end,
  _row_hash = source._row_hash,
  _run_id = source._run_id,
  _source_file = source._source_file,
  _row_number = source._row_number,
  _extracted_at = source._extracted_at,
  _loaded_at = source._loaded_at,
  _staged_at = $4
when not matched then insert (
  partner, shipment_id, order_id, carrier, tracking_number, shipment_status, status_at, ship_to_postcode, weight_kg, source_file_name, source_file_line, is_deleted, deleted_at,
  _row_hash, _run_id, _source_file, _row_number, _extracted_at, _loaded_at, _staged_at
) values (
  source.partner, source.shipment_id, source.order_id, source.carrier, source.tracking_number, source.shipment_status, source.status_at, source.ship_to_postcode, source.weight_kg, source.source_file_name, source.source_file_line, false, null,
  source._row_hash, source._run_id, source._source_file, source._row_number, source._extracted_at, source._loaded_at, $4
);
-- binds:
--   1: Date(2026-11-29T09:20:00.125Z)
--   2: Date(2026-11-29T10:20:00.500Z)
--   3: "hourly-20261129T10"
--   4: Date(2026-11-29T10:21:00.000Z)
