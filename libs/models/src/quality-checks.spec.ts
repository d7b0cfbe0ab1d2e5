import { silentLogger } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { declaredChecks } from './check-declarations';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { ordersDbHistory } from './testing';

describe('runQualityChecks: a checked table that does not exist', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  const check = () => runQualityChecks(loadQualityChecks(), { warehouse: sandbox.warehouse, runId: 'q', clock: sandbox.clock, logger: silentLogger(), piiColumns: new Set<string>(), models: sandbox.models });

  it('is skipped while nothing it is built from has landed', async () => {
    const results = await check();
    expect(results.filter((r) => r.table === 'curated.fct_orders')).toEqual([]);
  });

  it('skips a model whose other source never loaded here (a run of fewer sources), though the orders it also reads hold rows', async () => {
    for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
    await sandbox.run();
    // The warehouse of a run without Stripe: neither its raw tables nor the models built from them.
    const stripeBuilt = await sandbox.query<{ name: string }>("select table_schema || '.' || table_name as name from information_schema.tables where (table_schema = 'raw' and table_name like 'stripe\\_\\_%' escape '\\') or (table_schema = 'curated' and table_name in ('fct_payments', 'fct_daily_reconciliation'))");
    expect(stripeBuilt.length).toBeGreaterThan(2);
    for (const { name } of stripeBuilt) await sandbox.warehouse.run(renderSql(`drop table ${name}`, sandbox.warehouse.dialect));
    const results = await check();
    expect(results.filter((r) => r.table === 'curated.fct_orders' && r.status === 'pass').length).toBeGreaterThan(0);
    expect(results.filter((r) => r.table === 'curated.fct_payments' || r.table === 'curated.fct_daily_reconciliation')).toEqual([]);
  });

  it('fails, naming the raw inputs that hold rows, once they have landed: dropped or never built is not "passed"', async () => {
    for (const [entity, rows] of ordersDbHistory) await sandbox.land(entity, rows);
    await sandbox.run();
    await sandbox.warehouse.run(renderSql('drop table curated.fct_orders', sandbox.warehouse.dialect));
    const results = await check();
    // Its own checks, and the orphan-line checks on fct_order_items, which read fct_orders too (each in both scopes).
    const failed = results.filter((r) => r.status === 'fail');
    // Its key checks (keys: order_id unique), and every check declared on fct_orders (fct_orders.checks.json).
    const generatedOnOrders = ['fct_orders_not_null_order_id', 'fct_orders_not_null_order_id_in_batch', 'fct_orders_unique_order_id', 'fct_orders_unique_order_id_in_batch'];
    const declaredOnOrders = declaredChecks(sandbox.models).filter((c) => c.table === 'curated.fct_orders').map((c) => c.name);
    // And the payments reconciliation checks, which read fct_orders to name the orders behind a mismatch.
    const readingOrders = ['fct_daily_reconciliation_mismatch', 'fct_daily_reconciliation_mismatch_in_batch'];
    const named = ['fct_order_items_orphan_line', 'fct_order_items_orphan_line_in_batch', ...generatedOnOrders, ...declaredOnOrders, ...readingOrders];
    // Any other check reading fct_orders (a source's model joining orders) fails the same way.
    const othersReadingOrders = loadQualityChecks().filter((c) => !named.includes(c.name) && c.template.dependsOn.includes('fct_orders')).map((c) => c.name);
    expect(failed.map((r) => r.check).sort()).toEqual([...named, ...othersReadingOrders].sort());
    for (const result of failed) {
      expect(result.failingRows).toBe(0);
      expect(result.details).toMatch(/^curated\.fct_orders does not exist, though raw\.orders_db__\w+(, raw\.orders_db__\w+)* hold rows/);
    }
    const recorded = await sandbox.query<{ check_name: string; status: string }>("select check_name, status from ops.dq_results where run_id = 'q' and status = 'fail' order by check_name");
    expect(recorded.map((r) => r.check_name)).toEqual(failed.map((r) => r.check).sort());
  });
});
