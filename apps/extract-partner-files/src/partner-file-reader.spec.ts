import { Readable } from 'node:stream';
import { partnerFormatNamed, type PartnerFormat } from '@northstar/contracts';
import { partnerFileBytes, type PartnerFileVariant, type PartnerShipmentEvent } from '@northstar/sandbox';
import { goodShipmentRecords, inspectPartnerFile } from './partner-file-reader';

const event = (i: number, extra: Partial<PartnerShipmentEvent> = {}): PartnerShipmentEvent => ({
  partner: 'northfreight', shipment_id: `SHP-${i}`, order_id: 1000 + i, carrier: 'UPS', tracking_number: i % 2 ? `1Z${i}` : null,
  status: 'in_transit', status_at: `2026-11-02T10:0${i % 10}:00.000000Z`, ship_to_postcode: '12345', weight_kg: '1234.5', ...extra,
});
const events = (n: number) => Array.from({ length: n }, (_, i) => event(i + 1));

async function read(format: PartnerFormat, bytes: Buffer, key = `partners/${format.name}/2026/11/02/drop.csv`, maskKey?: string) {
  const open = async () => Readable.from([bytes]);
  const verdict = await inspectPartnerFile(open, key, format, maskKey);
  const records = [];
  if (verdict.outcome === 'taken') for await (const r of goodShipmentRecords(open, key, format)) records.push(r);
  return { verdict, records };
}
const drop = (name: string, list: PartnerShipmentEvent[], variant: PartnerFileVariant = {}) => {
  const format = partnerFormatNamed(name);
  return read(format, partnerFileBytes(format, list, variant), `partners/${name}/f.csv${variant.gzip ? '.gz' : ''}`);
};

describe('partner files: two passes, verdict then good records', () => {
  it('reads each partner format to the same typed records: cp1252, semicolons, a title row, day-first local times, decimal comma', async () => {
    const list = [event(1, { carrier: 'Zustellung Köln', weight_kg: '1234.5' }), event(2)];
    const north = await drop('northfreight', list);
    const parcel = await drop('parcelwave', list, { gzip: true });
    expect(north.verdict).toMatchObject({ outcome: 'taken', rowsTaken: 2, rowsRejected: 0, unmapped: [] });
    expect(north.records[0]).toEqual({
      partner: 'northfreight', shipment_id: 'SHP-1', order_id: 1001, carrier: 'Zustellung Köln', tracking_number: '1Z1', status: 'in_transit',
      status_at: new Date('2026-11-02T10:01:00Z'), ship_to_postcode: '12345', weight_kg: '1234.5', file_name: 'partners/northfreight/f.csv', file_line: 2,
    });
    expect(north.records[1]).toMatchObject({ tracking_number: null, file_line: 3 });
    expect(parcel.records.map((r) => ({ ...r, partner: 'northfreight', file_name: 'x', file_line: 0 }))).toEqual(north.records.map((r) => ({ ...r, file_name: 'x', file_line: 0 })));
    expect(parcel.records[0]).toMatchObject({ partner: 'parcelwave', file_line: 3 });
  });

  it('sends bad rows to quarantine with line, column, raw value (PII masked) and expectation; good rows load', async () => {
    const format = partnerFormatNamed('northfreight');
    const bytes = partnerFileBytes(format, events(5), {
      corrupt: [
        { row: 0, column: 'status_at', text: '2026-13-45T99:00:00Z' },
        { row: 1, column: 'shipment_id', text: 'NULL' },
        { row: 2, column: 'weight_kg', text: '1,23,4' },
      ],
    });
    const withPii = Buffer.concat([bytes, Buffer.from('SHP-9,1009,UPS,,in_transit,2026-11-02T10:00:00Z\n'), Buffer.from('SHP-10,x,UPS,,in_transit,2026-11-02T10:00:00Z,999 99,1\n')]);
    const { verdict, records } = await read(format, withPii, 'partners/northfreight/f.csv', 'mask-key');
    expect(verdict).toMatchObject({ outcome: 'taken', rowsTaken: 2, rowsRejected: 5 });
    expect(records.map((r) => r['shipment_id'])).toEqual(['SHP-4', 'SHP-5']);
    expect(verdict.problems).toEqual([
      { line: 2, column: 'status_at', value: '2026-13-45T99:00:00Z', expected: 'an ISO-8601 date-time with an offset (2026-11-02T10:00:00Z)' },
      { line: 3, column: 'shipment_id', value: null, expected: 'a value (the business key)' },
      { line: 4, column: 'weight_kg', value: '1,23,4', expected: 'a number like 1,234.5 with at most 3 decimals' },
      { line: 7, column: '(row)', value: null, expected: '8 fields as in the header, found 6' },
      { line: 8, column: 'order_id', value: 'x', expected: 'a whole number' },
    ]);
  });

  it('quarantines a file whose header lacks a mapped column, whose key is empty throughout, whose dates no longer parse, or with too many bad rows', async () => {
    const renamed = await drop('parcelwave', events(3), { renameHeader: { status: 'Zustand' } });
    expect(renamed.verdict).toMatchObject({ outcome: 'quarantined', rowsTaken: 0 });
    expect(renamed.verdict.reason).toMatch(/^partners\/parcelwave\/f\.csv line 2: the header lacks the mapped column\(s\) status \("Status"\) of partner parcelwave; it has "Sendungsnummer"/);
    const noKeys = await drop('northfreight', events(3), { corrupt: [0, 1, 2].map((row) => ({ row, column: 'shipment_id' as const, text: '' })) });
    expect(noKeys.verdict.reason).toBe('partners/northfreight/f.csv: the key column shipment_id ("shipment_id") is empty in every one of its 3 rows');
    const usDates = await drop('northfreight', events(3), { corrupt: [0, 1, 2].map((row) => ({ row, column: 'status_at' as const, text: '11/02/2026 10:00' })) });
    expect(usDates.verdict.reason).toBe('partners/northfreight/f.csv: column status_at ("status_at") parses in none of its 3 rows; partner northfreight\'s format for it may have changed');
    const many = await drop('northfreight', events(20), { corrupt: Array.from({ length: 11 }, (_, row) => ({ row, column: 'order_id' as const, text: 'n/a?' })) });
    expect(many.verdict).toMatchObject({ outcome: 'quarantined', rowsRejected: 11, reason: 'partners/northfreight/f.csv: 11 of its 20 rows are bad, more than partner northfreight\'s threshold of 10' });
    expect(many.verdict.problems).toHaveLength(11);
  });

  it('keeps an unknown column in the record (unmapped_columns, and at the top level for drift) and reads literal nulls, thousands separators, CR line ends', async () => {
    const { verdict, records } = await drop('northfreight', [event(1, { weight_kg: null, ship_to_postcode: null })], { extraColumn: { header: 'signed_by', value: 'J. Doe' }, lineEnd: '\r' });
    expect(verdict).toMatchObject({ outcome: 'taken', unmapped: ['signed_by'] });
    expect(records[0]).toMatchObject({ weight_kg: null, ship_to_postcode: null, signed_by: 'J. Doe', unmapped_columns: { signed_by: 'J. Doe' } });
    const grouped = await drop('northfreight', [event(1, { weight_kg: '1,234,567.125' })]);
    expect(grouped.records[0]['weight_kg']).toBe('1234567.125');
  });
});
