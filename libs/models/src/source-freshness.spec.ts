import { silentLogger } from '@northstar/core';
import { sourceNamed, sourceRegistry } from '@northstar/contracts';
import { loadModelCatalog } from './model-catalog';
import { runModels } from './model-runner';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { freshnessSloResult, measureSourceFreshness } from './source-freshness';
import { ordersDbRow } from './testing';

describe('measureSourceFreshness: the 45-minute SLO per run and source', () => {
  let sandbox: OrdersModelSandbox;
  beforeAll(async () => {
    // The orders domain's models only: other sources' and domains' models are not this spec's subject.
    const feeds = sourceNamed('orders_db').feeds['orders'];
    sandbox = await OrdersModelSandbox.open(loadModelCatalog().filter((m) => m.name.includes('orders_db') || feeds.includes(m.name)));
  });
  afterAll(() => sandbox?.dispose());

  // The sandbox's clock stands at 2026-11-02 08:00 (plus a millisecond per call): the models publish then.
  const hour = async (runId: string, extractedAt: string, orders: Record<string, unknown>[]) => {
    if (runId === 'h1') await sandbox.land('customers', [ordersDbRow.customer(1, '2026-11-02 06:00:00+00')], extractedAt, runId);
    await sandbox.land('orders', orders as never, extractedAt, runId);
    await runModels(sandbox.models, { warehouse: sandbox.warehouse, logger: silentLogger(), clock: sandbox.clock, runId });
    return measureSourceFreshness(sourceRegistry, { warehouse: sandbox.warehouse, runId, clock: sandbox.clock });
  };

  it('measures from the window\'s close at the source to the curated publish, and warns from 30 minutes', async () => {
    const [orders] = await hour('h1', '2026-11-02 07:20:00+00', [ordersDbRow.order(10, 1, '2026-11-02 07:10:00+00')]);
    expect(orders).toMatchObject({ source: 'orders_db', windowClosedAt: new Date('2026-11-02T07:20:00Z'), rowsLanded: 2, lateRows: 0 });
    expect(orders.lagMinutes).toBeCloseTo(40, 1);
    expect(freshnessSloResult(orders)).toMatchObject({ check: 'slo_lag_orders_db', severity: 'warn', status: 'fail' });
    expect(freshnessSloResult(orders).details).toMatch(/^lag 40\.0 min \(SLO 45, warn 30\): window closed 2026-11-02T07:20:00\.000Z at the source/);
  });

  it('counts rows whose cursor is older than the previous run\'s window close as late, and passes under 30 minutes', async () => {
    const [orders] = await hour('h2', '2026-11-02 07:59:00+00', [
      ordersDbRow.order(11, 1, '2026-11-02 07:15:00+00'), // committed after h1's snapshot at 07:20: late
      ordersDbRow.order(12, 1, '2026-11-02 07:50:00+00'),
      ordersDbRow.order(10, 1, '2026-11-02 07:10:00+00'),
    ]);
    // Order 10 again, as the lookback re-reads it: landed before, so not late.
    expect(orders).toMatchObject({ rowsLanded: 3, lateRows: 1 });
    expect(orders.lagMinutes).toBeCloseTo(1, 1);
    expect(freshnessSloResult(orders)).toMatchObject({ status: 'pass' });
    const recorded = await sandbox.query<{ run_id: string; late_rows: bigint; lag: number }>('select run_id, late_rows, round(lag_minutes) as lag from ops.source_freshness order by run_id');
    expect(recorded.map((r) => [r.run_id, Number(r.late_rows), Number(r.lag)])).toEqual([['h1', 0, 40], ['h2', 1, 1]]);
  });

  it("finds a run's publish after the next run's load has moved the models' state (its quality job ran late)", async () => {
    const [orders] = await measureSourceFreshness(sourceRegistry, { warehouse: sandbox.warehouse, runId: 'h1', clock: sandbox.clock });
    expect(orders).toMatchObject({ source: 'orders_db', windowClosedAt: new Date('2026-11-02T07:20:00Z') });
    expect(orders.lagMinutes).toBeCloseTo(40, 1);
  });

  it('is an error from 45 minutes, and says so when nothing it feeds changed', () => {
    const base = { source: 'orders_db', windowClosedAt: new Date('2026-11-02T07:00:00Z'), rowsLanded: 5, lateRows: 0 };
    expect(freshnessSloResult({ ...base, publishedAt: new Date('2026-11-02T07:50:00Z'), lagMinutes: 50 })).toMatchObject({ severity: 'error', status: 'fail' });
    expect(freshnessSloResult(base)).toMatchObject({ status: 'pass', details: 'no curated table it feeds changed in this run; 0 of 5 rows landed late' });
  });
});
