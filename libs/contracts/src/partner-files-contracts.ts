import { col, nullable } from './column-builder';
import type { Contract } from './contract';
import { defineContract } from './define-contract';

export const shipmentsContract: Contract = defineContract({
  source: 'partner_files',
  entity: 'shipments',
  version: '2.0.0',
  description:
    'Shipment status lines from fulfilment partners’ CSV drops, one row per status report; ' +
    'staging keeps the latest report of each status per partner and shipment, so the shipped and delivered times survive later statuses.',
  businessKey: ['partner', 'shipment_id', 'status'],
  cursor: 'status_at',
  biFacing: true,
  columns: [
    col.string('partner', { description: 'Partner code, from the drop folder; shipment ids are unique per partner only.' }),
    col.string('shipment_id'),
    col.integer('order_id', { description: 'The orders DB order id.' }),
    col.string('carrier'),
    col.string('tracking_number', nullable({ description: 'Absent until the carrier has collected the parcel.' })),
    col.string('status', { description: 'label_created, in_transit, out_for_delivery, delivered, returned, lost, ...' }),
    col.timestamp('status_at', { description: 'When the partner saw the status; the incremental cursor.' }),
    col.string('ship_to_postcode', nullable({ pii: 'address' })),
    col.decimal('weight_kg', 10, 3, nullable()),
    col.string('file_name', { description: 'Object key of the partner CSV the line came from.' }),
    col.integer('file_line', { description: '1-based physical line in that CSV, for tracing a value back to the drop.' }),
    col.json('unmapped_columns', nullable({ description: 'Header -> value of the columns the partner sent that its mapping does not take (additive drift), kept until the contract takes them.' })),
  ],
});

export const partnerFilesContracts: readonly Contract[] = [shipmentsContract];
