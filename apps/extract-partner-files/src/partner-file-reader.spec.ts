import { Readable } from 'node:stream';
import { partnerFormatNamed, type PartnerFormat } from '@northstar/contracts';
import { partnerFileBytes, type PartnerFileVariant, type PartnerShipmentEvent } from '@northstar/sandbox';
import { readPartnerFile } from './partner-file-reader';

const event = (i: number, extra: Partial<PartnerShipmentEvent> = {}): PartnerShipmentEvent => ({
  partner: 'northfreight', shipment_id: `SHP-${i}`, order_id: 1000 + i, carrier: 'UPS', tracking_number: i % 2 ? `1Z${i}` : null,
  status: 'in_transit', status_at: `2026-11-02T10:0${i % 10}:00.000000Z`, ship_to_postcode: '12345', weight_kg: '1234.5', ...extra,
});
const events = (n: number) => Array.from({ length: n }, (_, i) => event(i + 1));

/** The good rows' CSV lines (contract column order: partner, shipment_id, order_id, carrier, tracking_number, status, status_at, ship_to_postcode, weight_kg, file_name, file_line, unmapped_columns). */
async function read(format: PartnerFormat, bytes: Buffer, key = `partners/${format.name}/2026/11/02/drop.csv`, maskKey?: string) {
  let csv = '';
  let rows = 0;
  const verdict = await readPartnerFile(async () => Readable.from([bytes]), key, format, maskKey, (text, n) => {
    csv += text;
    rows += n;
  });
  const lines = csv.split('\n').slice(0, -1);
  expect(lines).toHaveLength(rows);
  return { verdict, lines };
}
const drop = (name: string, list: PartnerShipmentEvent[], variant: PartnerFileVariant = {}) => {
  const format = partnerFormatNamed(name);
  return read(format, partnerFileBytes(format, list, variant), `partners/${name}/f.csv${variant.gzip ? '.gz' : ''}`);
};

describe('partner files: one pass, good rows as CSV and a verdict at the end', () => {
  it('reads each partner format to the same typed records: cp1252, semicolons, a title row, day-first local times, decimal comma', async () => {
    const list = [event(1, { carrier: 'Zustellung Köln', weight_kg: '1234.5' }), event(2)];
    const north = await drop('northfreight', list);
    const parcel = await drop('parcelwave', list, { gzip: true });
    expect(north.verdict).toMatchObject({ outcome: 'taken', rowsTaken: 2, rowsRejected: 0, unmapped: [], unknownFields: [] });
    expect(north.lines).toEqual([
      'northfreight,SHP-1,1001,Zustellung Köln,1Z1,in_transit,2026-11-02T10:01:00.000Z,12345,1234.5,partners/northfreight/f.csv,2,',
      'northfreight,SHP-2,1002,UPS,,in_transit,2026-11-02T10:02:00.000Z,12345,1234.5,partners/northfreight/f.csv,3,',
    ]);
    expect(parcel.lines).toEqual([
      'parcelwave,SHP-1,1001,Zustellung Köln,1Z1,in_transit,2026-11-02T10:01:00.000Z,12345,1234.5,partners/parcelwave/f.csv.gz,3,',
      'parcelwave,SHP-2,1002,UPS,,in_transit,2026-11-02T10:02:00.000Z,12345,1234.5,partners/parcelwave/f.csv.gz,4,',
    ]);
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
    const { verdict, lines } = await read(format, withPii, 'partners/northfreight/f.csv', 'mask-key');
    expect(verdict).toMatchObject({ outcome: 'taken', rowsTaken: 2, rowsRejected: 5 });
    expect(lines.map((l) => l.split(',')[1])).toEqual(['SHP-4', 'SHP-5']);
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

  it('keeps an unknown column (unmapped_columns as JSON, and named for drift) and reads literal nulls, thousands separators, CR line ends', async () => {
    const { verdict, lines } = await drop('northfreight', [event(1, { weight_kg: null, ship_to_postcode: null })], { extraColumn: { header: 'signed_by', value: 'J. "Jo" Doe' }, lineEnd: '\r' });
    expect(verdict).toMatchObject({ outcome: 'taken', unmapped: ['signed_by'], unknownFields: ['signed_by'] });
    expect(lines).toEqual(['northfreight,SHP-1,1001,UPS,1Z1,in_transit,2026-11-02T10:01:00.000Z,,,partners/northfreight/f.csv,2,"{""signed_by"":""J. \\""Jo\\"" Doe""}"']);
    const named = await drop('northfreight', [event(1)], { extraColumn: { header: 'status_at', value: 'x' } });
    expect(named.verdict).toMatchObject({ unmapped: ['status_at'], unknownFields: ['header:status_at'] });
    const grouped = await drop('northfreight', [event(1, { weight_kg: '1,234,567.125' })]);
    expect(grouped.lines[0].split(',')[8]).toBe('1234567.125');
  });
});
