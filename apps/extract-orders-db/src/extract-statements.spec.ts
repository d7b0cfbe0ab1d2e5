import * as path from 'node:path';
import { contractFor } from '@northstar/contracts';
import { expectGolden, formatGoldenStatements } from '@northstar/warehouse/testing';
import { extractStatements } from './extract-statements';

const goldens = path.resolve(__dirname, '..', 'goldens', 'postgres');
const orders = contractFor('orders_db', 'orders');
const window = { start: new Date('2026-11-29T08:20:00Z'), end: new Date('2026-11-29T09:59:00.125Z') };

describe('golden SQL the orders DB extractor sends', () => {
  it.each([
    ['open_transactions', () => [extractStatements.openTransactions()]],
    ['snapshot_xmin', () => [extractStatements.snapshotXmin()]],
    ['source_clock', () => [extractStatements.sourceClock()]],
    ['observed_columns', () => [extractStatements.observedColumns('orders')]],
    ['window_copy', () => [extractStatements.setWindow(window, undefined), extractStatements.windowCopy('orders', orders, false)]],
    ['window_copy_shard', () => [extractStatements.setWindow(window, { index: 2, count: 4 }), extractStatements.windowCopy('orders', orders, true)]],
    ['key_set_copy', () => [extractStatements.keySetCopy('orders', orders)]],
    ['digests_copy', () => [extractStatements.digestsCopy('orders', orders)]],
    ['digests_copy_without_amount', () => [extractStatements.digestsCopy('customers', contractFor('orders_db', 'customers'))]],
    ['digests_copy_with_state', () => [extractStatements.digestsCopy('orders', orders, [{ column: 'status', lower: false }])]],
  ] as const)('%s', (name, statements) => {
    expectGolden(path.join(goldens, `${name}.sql`), formatGoldenStatements(statements()));
  });

  it('refuses a contract whose business key has several columns', () => {
    expect(() => extractStatements.keySetCopy('orders', { ...orders, businessKey: ['order_id', 'store_id'] })).toThrow(/single-column business key, got order_id, store_id/);
  });
});
