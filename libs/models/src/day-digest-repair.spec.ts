import * as path from 'node:path';
import { contractFor, digestContract, digestStateTerm, type Contract } from '@northstar/contracts';
import { duckdbDialect, snowflakeDialect } from '@northstar/sql';
import type { BindValue } from '@northstar/warehouse';
import { expectGolden, formatGoldenStatements } from '@northstar/warehouse/testing';
import { dayRepairStatements, repairDifferingDays } from './day-digest-repair';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { landRawRows, ordersDbRow as row } from './testing';

const orders = contractFor('orders_db', 'orders');

describe('the nightly repair of days whose digests differ', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
    // Two orders created 2026-03-01, loaded by the hourly runs at 13.00 each.
    await sandbox.land('orders', [row.order(1, 7, '2026-03-01 10:00:00+00'), row.order(2, 7, '2026-03-01 11:00:00+00')]);
    await sandbox.run();
    // A writer then changed order 2's total to 20.00 without touching updated_at: no cursor sees it.
    // The nightly digest (taken 2026-03-02) and key set tell the truth.
    await landRawRows(sandbox.warehouse, digestContract(orders), [{ created_day: '2026-03-01', row_count: 2, amount_sum: '33.00', key_hash: 'h' }], { runId: 'nightly-1', extractedAt: '2026-03-02 01:00:00+00', loadedAt: sandbox.clock() });
    await sandbox.landKeys('orders', [
      { order_id: 1, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' },
      { order_id: 2, updated_at: '2026-03-01 11:00:00+00', created_day: '2026-03-01' },
    ], '2026-03-02 01:00:00+00');
    await sandbox.run();
  });
  afterEach(() => sandbox.dispose());

  const deps = (repairDay: (contract: Contract, day: string) => Promise<void>) => ({ withWarehouse: <T>(fn: (w: typeof sandbox.warehouse) => Promise<T>) => fn(sandbox.warehouse), runId: 'nightly-20260302', clock: sandbox.clock, repairDay });
  const results = () => sandbox.query('select entity, cast(created_day as varchar) as day, source_rows, source_amount, warehouse_rows, warehouse_amount, action, result, amount_after, differing_keys from ops.reconciliation_results');
  const check = () => sandbox.query("select severity, status, failing_rows, details from ops.dq_results where check_name = 'nightly_repair_orders_db__orders'");

  it('re-extracts a day changed without an updated_at bump, compares again and records it repaired', async () => {
    const repaired: string[] = [];
    const outcome = await repairDifferingDays([orders], deps(async (contract, day) => {
      repaired.push(`${contract.entity} ${day}`);
      // The re-extract reads the row as it is now; extracted later with other content, it replaces the staged one.
      await sandbox.land('orders', [row.order(2, 7, '2026-03-01 11:00:00+00', { total: '20.00' })], '2026-11-03 00:00:00+00');
      await sandbox.run();
    }));
    expect(repaired).toEqual(['orders 2026-03-01']);
    expect(outcome.map((r) => [r.created_day, r.result])).toEqual([['2026-03-01', 'repaired']]);
    expect(await results()).toEqual([{
      entity: 'orders', day: '2026-03-01', source_rows: 2, source_amount: '33.00', warehouse_rows: 2, warehouse_amount: '26.00',
      action: 'reextracted', result: 'repaired', amount_after: '33.00', differing_keys: null,
    }]);
    expect(await check()).toEqual([{ severity: 'error', status: 'pass', failing_rows: 0, details: null }]);
    expect(await sandbox.query('select total_amount from analytics.orders where order_id = 2')).toEqual([{ total_amount: '20.00' }]);
  });

  it('fails the error check naming entity, day and keys when the day still differs after the repair', async () => {
    await sandbox.landKeys('orders', [{ order_id: 1, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' }, { order_id: 3, updated_at: '2026-03-01 12:00:00+00', created_day: '2026-03-01' }], '2026-03-02 01:30:00+00');
    const outcome = await repairDifferingDays([orders], deps(async () => undefined));
    expect(outcome.map((r) => [r.created_day, r.result, r.differingKeys])).toEqual([['2026-03-01', 'still_differs', ['2', '3']]]);
    const [failed] = await check();
    expect(failed).toMatchObject({ severity: 'error', status: 'fail', failing_rows: 1 });
    expect(String(failed['details'])).toMatch(/^orders_db\.orders 2026-03-01: source 2 rows \/ 33\.00, warehouse 2 \/ 26\.00 after repair; keys differing: 2, 3$/);
  });

  it("states the day's figures as the repair left them, not as it found them", async () => {
    // A later digest counts a third order of 20.00 that the warehouse never got; the re-extract fixes order 2 only.
    await landRawRows(sandbox.warehouse, digestContract(orders), [{ created_day: '2026-03-01', row_count: 3, amount_sum: '53.00', key_hash: 'h' }], { runId: 'nightly-2', extractedAt: '2026-03-03 01:00:00+00', loadedAt: sandbox.clock() });
    await sandbox.landKeys('orders', [
      { order_id: 1, updated_at: '2026-03-01 10:00:00+00', created_day: '2026-03-01' },
      { order_id: 2, updated_at: '2026-03-01 11:00:00+00', created_day: '2026-03-01' },
      { order_id: 3, updated_at: '2026-03-01 12:00:00+00', created_day: '2026-03-01' },
    ], '2026-03-03 01:00:00+00');
    const outcome = await repairDifferingDays([orders], deps(async () => {
      await sandbox.land('orders', [row.order(2, 7, '2026-03-01 11:00:00+00', { total: '20.00' })], '2026-11-03 00:00:00+00');
      await sandbox.run();
    }));
    expect(outcome.map((r) => [r.result, r.warehouse_amount, r.after?.warehouse_amount])).toEqual([['still_differs', '26.00', '33.00']]);
    const [failed] = await check();
    expect(String(failed['details'])).toMatch(/^orders_db\.orders 2026-03-01: source 3 rows \/ 53\.00, warehouse 2 \/ 33\.00 after repair; keys differing: 3$/);
  });

  it('re-extracts at most maxDaysRepaired days a night, recording the rest as found', async () => {
    const outcome = await repairDifferingDays([orders], { ...deps(async () => { throw new Error('not called'); }), maxDaysRepaired: 0 });
    expect(outcome.map((r) => r.result)).toEqual(['still_differs']);
    expect((await results()).map((r) => r['action'])).toEqual(['none']);
  });

  it('leaves an entity without a digest yet alone', async () => {
    expect(await repairDifferingDays([contractFor('orders_db', 'customers')], deps(async () => { throw new Error('not called'); }))).toEqual([]);
  });
});

describe('the nightly repair of a Stripe day whose state moved but not its count or amount', () => {
  const disputes = contractFor('stripe', 'disputes');
  const dispute = (status: string): Record<string, BindValue> => ({
    id: 'dp_1', charge_id: 'ch_1', amount: 1300, currency: 'usd', currency_exponent: 2, status, reason: 'fraudulent', is_charge_refundable: false,
    created: '2026-10-20 10:05:00+00', observed_at: '2026-10-20 10:05:00+00', livemode: true,
  });
  // What the nightly listing lands for 2026-10-20: one dispute of 1300, now in the given status, its state term as the extractor computes it
  // (a bigint: DuckDB binds a JS number above 2^31 as a wrapped INTEGER).
  const landDigest = (status: string, runId: string, extractedAt: string) =>
    sandbox.landRows(digestContract(disputes), [{ created_day: '2026-10-20', row_count: 1, amount_sum: '1300.00', key_hash: 'h', state_sum: BigInt(digestStateTerm(['dp_1', status])) }], extractedAt, runId);
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
    // The hourly runs saw the dispute open; the event that it was won never came.
    await sandbox.landRows(disputes, [dispute('needs_response')], '2026-10-20 11:00:00+00');
    await sandbox.run();
  });
  afterEach(() => sandbox.dispose());

  const deps = (repairDay: (contract: Contract, day: string) => Promise<void>) => ({ withWarehouse: <T>(fn: (w: typeof sandbox.warehouse) => Promise<T>) => fn(sandbox.warehouse), runId: 'nightly-20261102', clock: sandbox.clock, repairDay });

  it('finds the day, re-extracts it and records it repaired', async () => {
    await landDigest('won', 'nightly-1', '2026-11-02 01:00:00+00');
    const repaired: string[] = [];
    const outcome = await repairDifferingDays([disputes], deps(async (contract, day) => {
      repaired.push(`${contract.entity} ${day}`);
      await sandbox.landRows(disputes, [dispute('won')], '2026-11-02 02:00:00+00');
      await sandbox.run();
    }));
    expect(repaired).toEqual(['disputes 2026-10-20']);
    expect(outcome.map((r) => [r.created_day, r.source_rows, r.warehouse_rows, r.source_state_sum, r.warehouse_state_sum, r.result])).toEqual([
      ['2026-10-20', 1, 1, String(digestStateTerm(['dp_1', 'won'])), String(digestStateTerm(['dp_1', 'needs_response'])), 'repaired'],
    ]);
    expect(await sandbox.query("select dispute_status from staging.stg_stripe__disputes where dispute_id = 'dp_1'")).toEqual([{ dispute_status: 'won' }]);
  });

  it('names the state columns in the failed check when only the states still differ', async () => {
    await landDigest('won', 'nightly-1', '2026-11-02 01:00:00+00');
    await repairDifferingDays([disputes], deps(async () => undefined));
    const [check] = await sandbox.query("select status, details from ops.dq_results where check_name = 'nightly_repair_stripe__disputes'");
    expect(check).toEqual({
      status: 'fail',
      details: 'stripe.disputes 2026-10-20: source 1 rows / 1300.00, warehouse 1 / 1300.00 after repair; same rows and amount, but row states differ (status); keys differing: none by key and created (a change without a created bump)',
    });
  });

  it("finds nothing when the warehouse holds the state the source lists: DuckDB's hash_key_int sums as digestStateTerm", async () => {
    await landDigest('needs_response', 'nightly-1', '2026-11-02 01:00:00+00');
    expect(await repairDifferingDays([disputes], deps(async () => { throw new Error('not called'); }))).toEqual([]);
  });
});

describe('the nightly repair of an orders DB day whose status was fixed by hand, without an updated_at bump', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
    await sandbox.land('orders', [row.order(1, 7, '2026-03-01 10:00:00+00'), row.order(2, 7, '2026-03-01 11:00:00+00')]);
    await sandbox.run();
  });
  afterEach(() => sandbox.dispose());

  // The orders DB's digest as extract_digests computes it: the state term of each order's key and lower(status), summed.
  const landDigest = (statuses: readonly [string, string]) => landRawRows(sandbox.warehouse, digestContract(orders), [{
    created_day: '2026-03-01', row_count: 2, amount_sum: '26.00', key_hash: 'h',
    state_sum: BigInt(digestStateTerm([1, statuses[0].toLowerCase()]) + digestStateTerm([2, statuses[1].toLowerCase()])),
  }], { runId: 'nightly-1', extractedAt: '2026-03-02 01:00:00+00', loadedAt: sandbox.clock() });
  const deps = (repairDay: (contract: Contract, day: string) => Promise<void>) => ({ withWarehouse: <T>(fn: (w: typeof sandbox.warehouse) => Promise<T>) => fn(sandbox.warehouse), runId: 'nightly-20260302', clock: sandbox.clock, repairDay });

  it('finds the day by its status alone, re-extracts it and records it repaired', async () => {
    // Staging lower-cases statuses: the source's 'Cancelled' hashes as the warehouse's 'cancelled' will.
    await landDigest(['paid', 'Cancelled']);
    const outcome = await repairDifferingDays([orders], deps(async () => {
      await sandbox.land('orders', [row.order(2, 7, '2026-03-01 11:00:00+00', { status: 'Cancelled' })], '2026-11-03 00:00:00+00');
      await sandbox.run();
    }));
    expect(outcome.map((r) => [r.created_day, r.source_rows, r.warehouse_rows, r.result])).toEqual([['2026-03-01', 2, 2, 'repaired']]);
    expect(await sandbox.query('select order_status from analytics.orders where order_id = 2')).toEqual([{ order_status: 'cancelled' }]);
  });

  it('finds nothing when staging holds the statuses the source has, whatever their case there', async () => {
    await landDigest(['PAID', 'Paid']);
    expect(await repairDifferingDays([orders], deps(async () => { throw new Error('not called'); }))).toEqual([]);
  });
});

describe.each([duckdbDialect, snowflakeDialect])('golden repair SQL for $name', (dialect) => {
  it.each([['orders_db', 'orders'], ['orders_db', 'customers'], ['stripe', 'charges'], ['zendesk', 'tickets']])('renders the comparison of %s.%s', (source, entity) => {
    const statements = dayRepairStatements(contractFor(source, entity), dialect, '2026-03-01');
    expectGolden(path.resolve(__dirname, '..', 'goldens', dialect.name, 'repair', `${source}__${entity}.sql`), formatGoldenStatements([statements.differingDays, statements.differingKeys]));
  });
});
