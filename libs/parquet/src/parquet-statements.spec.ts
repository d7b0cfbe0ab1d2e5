import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { csvReadBuffer } from './csv-read-buffer';
import { parquetStatements } from './parquet-statements';
import { maskKeyPads } from './mask-value';

const golden = path.resolve(__dirname, '../sql/goldens/csv_to_parquet.duckdb.sql');
const recordKeyGolden = path.resolve(__dirname, '../sql/goldens/csv_record_key.duckdb.sql');

describe('parquetStatements', () => {
  const statement = parquetStatements.csvToParquet('/spool/part-00000.csv', '/spool/part-00000.parquet', [
    { name: 'customer_id', type: { kind: 'integer' }, mask: false },
    { name: 'Email Address', type: { kind: 'string' }, mask: true },
    { name: 'order', type: { kind: 'decimal', precision: 38, scale: 9 }, mask: false },
    { name: "it's", type: { kind: 'timestamp' }, mask: false },
  ], csvReadBuffer(300));

  it('renders csv_to_parquet as in its golden file (UPDATE_GOLDENS=1 rewrites it)', () => {
    if (process.env['UPDATE_GOLDENS']) writeFileSync(golden, `${statement.sql}\n`);
    expect(`${statement.sql}\n`).toBe(readFileSync(golden, 'utf8'));
  });

  it('renders csv_record_key as in its golden file: every field read as text, the key selected', () => {
    const columns = [
      { name: 'order_id', type: { kind: 'integer' }, mask: false },
      { name: 'total', type: { kind: 'decimal', precision: 14, scale: 2 }, mask: false },
    ] as const;
    const lookup = parquetStatements.csvRecordKey('/spool/part-00001.csv', columns, csvReadBuffer(3_000_000), ['order_id'], 7);
    if (process.env['UPDATE_GOLDENS']) writeFileSync(recordKeyGolden, `${lookup.sql}\n`);
    expect(`${lookup.sql}\n`).toBe(readFileSync(recordKeyGolden, 'utf8'));
    expect(lookup.binds).toEqual(['/spool/part-00001.csv', '4194304', '3145728', '6']);
  });

  it('reads a part back for a record\'s key with the CSV options the conversion used', () => {
    // Two templates, one dialect of CSV: a record numbered by one must be the same record for the other.
    const options = (file: string) => {
      const lines = readFileSync(path.resolve(__dirname, '../sql', file), 'utf8').split('\n').map((line) => line.trim());
      const start = lines.indexOf('from read_csv(');
      const end = lines.indexOf(')', start);
      return lines.slice(start, end).filter((line) => !line.startsWith('columns ='));
    };
    expect(options('csv_record_key.sql')).toEqual(options('csv_to_parquet.sql'));
  });

  it('passes both paths and the read buffer as bind parameters, never as SQL text', () => {
    expect(statement.binds).toEqual(['/spool/part-00000.csv', '4194304', '2097152', '/spool/part-00000.parquet']);
    expect(statement.sql).not.toContain('/spool/');
  });

  it('sends the mask key only as bind parameters: its HMAC pads', () => {
    const setKey = parquetStatements.setMaskKey('s3cr3t-key');
    const pads = maskKeyPads('s3cr3t-key');
    expect(setKey.binds).toEqual([pads.inner, pads.outer]);
    expect(setKey.sql).not.toContain('s3cr3t');
    expect(setKey.sql).not.toContain(pads.inner);
  });
});
