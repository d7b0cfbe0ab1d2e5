import * as path from 'node:path';
import { contractFor } from '@northstar/contracts';
import { copiedFiles, MAX_FILES_PER_COPY, renderLoadRawFiles } from './load-raw-files';
import { expectGolden, formatGoldenStatements } from './testing';

const orders = contractFor('orders_db', 'orders');
const load = {
  sourceFiles: [0, 1, 2].map((i) => `orders_db/orders/load_date=2026-11-29/hour=00/run=backfill-20261129/part-0000${i}-a1.parquet`),
  runId: 'backfill-20261129',
  extractedAt: new Date('2026-11-30T01:05:00.25Z'),
  loadedAt: new Date('2026-11-30T01:20:00Z'),
};

describe('renderLoadRawFiles (Snowflake, many files per COPY)', () => {
  it('renders one COPY for the files of a manifest (golden)', () => {
    expectGolden(path.resolve(__dirname, '..', 'goldens', 'snowflake', 'load_raw_files', 'orders_db__orders.sql'), formatGoldenStatements([renderLoadRawFiles(orders, load)]));
  });

  it('refuses an empty list and one over Snowflake\'s 1,000', () => {
    expect(() => renderLoadRawFiles(orders, { ...load, sourceFiles: [] })).toThrow(/1 to 1000 files, not 0/);
    const many = Array.from({ length: MAX_FILES_PER_COPY + 1 }, (_, i) => `orders_db/orders/p${i}.parquet`);
    expect(() => renderLoadRawFiles(orders, { ...load, sourceFiles: many })).toThrow(/not 1001/);
  });

  it('reads a COPY result whatever the case of its column names', () => {
    expect(copiedFiles([{ FILE: 's3://b/k', STATUS: 'LOADED', ROWS_LOADED: '3' }, { file: 'k2', status: 'LOAD_FAILED', rows_loaded: 0, first_error: 'bad' }])).toEqual([
      { file: 's3://b/k', status: 'LOADED', rowsLoaded: 3 },
      { file: 'k2', status: 'LOAD_FAILED', rowsLoaded: 0, firstError: 'bad' },
    ]);
  });
});
