import { silentLogger } from '@northstar/core';
import { checkScopesFor, parseCheckScope } from './check-scope';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks, type QualityCheck } from './quality-checks';
import { ordersDbHistory, ordersDbRow } from './testing';

describe('check scopes', () => {
  it('hourly runs and backfill chunks check their batch; the nightly run also checks whole tables', () => {
    expect(checkScopesFor('hourly')).toEqual(['batch']);
    expect(checkScopesFor('backfill')).toEqual(['batch']);
    expect(checkScopesFor('nightly')).toEqual(['batch', 'table']);
  });

  it('a check file must say which it is', () => {
    expect(() => parseCheckScope(undefined, 'x.sql')).toThrow(/x\.sql: header "scope" must be batch or table/);
    expect(() => parseCheckScope('hourly', 'x.sql')).toThrow(/must be batch or table/);
    expect(loadQualityChecks().filter((c) => c.scope === 'batch').length).toBeGreaterThan(0);
  });

  it('every whole-table check of a curated or staging table has a batch version read hourly, except the static dim_date', () => {
    const checks = loadQualityChecks();
    const batchNames = new Set(checks.filter((c) => c.scope === 'batch').map((c) => c.name));
    const withoutBatch = checks.filter((c) => c.scope === 'table' && !batchNames.has(`${c.name}_in_batch`)).map((c) => c.name);
    expect(withoutBatch).toEqual(['dim_date_not_null_date_day', 'dim_date_unique_date_day']);
  });
});

describe('a batch check reads the keys its run merged, a table check every key', () => {
  let sandbox: OrdersModelSandbox;
  const byName = new Map(loadQualityChecks().map((c) => [c.name, c]));
  const failing = async (check: QualityCheck, runId: string) =>
    (await runQualityChecks([check], { warehouse: sandbox.warehouse, runId, clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>(), models: sandbox.models }))[0].failingRows;

  beforeAll(async () => {
    sandbox = await OrdersModelSandbox.open();
    for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
    await sandbox.run();
    // Run h9 extracts and models order 10's delivery: its batch holds order 10, not 11.
    await sandbox.land('orders', [ordersDbRow.order(10, 1, '2026-03-02 09:30:00+00', { status: 'delivered', shipped_at: '2026-03-02 09:00:00+00', delivered_at: '2026-03-02 09:30:00+00' })], undefined, 'h9');
    await sandbox.run('h9');
  });

  afterAll(() => sandbox?.dispose());

  it('a copy of an order another run merged is seen nightly, not by this run\'s batch', async () => {
    await sandbox.query("insert into curated.fct_orders select * replace ('old' as _run_id) from curated.fct_orders where order_id = 11");
    expect(await failing(byName.get('fct_orders_unique_order_id')!, 'h9')).toBe(1);
    expect(await failing(byName.get('fct_orders_unique_order_id_in_batch')!, 'h9')).toBe(0);
  });

  it('a copy of an order this run merged is seen by its batch, however old the copy', async () => {
    await sandbox.query("insert into curated.fct_orders select * replace ('old' as _run_id) from curated.fct_orders where order_id = 10");
    expect(await failing(byName.get('fct_orders_unique_order_id_in_batch')!, 'h9')).toBe(1);
    expect(await failing(byName.get('fct_orders_unique_order_id')!, 'h9')).toBe(2);
  });
});
