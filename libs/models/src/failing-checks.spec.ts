import { ExitCode, exitCodeFor, silentLogger } from '@northstar/core';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { publishModels, PublishRefusedError } from './publish-models';
import { loadQualityChecks, runQualityChecks } from './quality-checks';
import { ordersDbRow as row } from './testing';

/**
 * The declared checks (fct_orders.checks.json and the generated ones) against
 * faulty source rows, through the load's publish gate: an `error` check keeps
 * the whole batch out and BI on the last good state (exit 3); a `warn` check
 * lets the batch through and only records the failure (the quality job alerts
 * on it: apps/quality quality-verdict.spec.ts).
 */
describe('failing declared checks at publish', () => {
  let sandbox: OrdersModelSandbox;
  beforeAll(async () => {
    sandbox = await OrdersModelSandbox.open();
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00')], undefined, 'h1');
    await sandbox.land('orders', [row.order(10, 1, '2026-03-01 10:00:00+00')], undefined, 'h1');
    await publish('h1');
  });
  afterAll(() => sandbox.dispose());

  const publish = (runId: string) =>
    publishModels(sandbox.models, { warehouse: sandbox.warehouse, logger: silentLogger(), piiColumns: new Set<string>(), clock: sandbox.clock, runId, mode: 'hourly', checks: loadQualityChecks() });
  const analyticsOrders = () => sandbox.query('select order_id, order_status from analytics.orders order by order_id');
  const results = (runId: string) => sandbox.query('select check_name, severity, status, failing_rows from ops.dq_results where run_id = :run_id and status = \'fail\' order by check_name', { run_id: runId });

  it('an error check failed by an order without its currency refuses the batch with exit 3, and analytics keeps serving the last good state', async () => {
    await sandbox.land('orders', [row.order(11, 1, '2026-03-01 11:00:00+00', { currency: null, status: 'shipped' }), row.order(10, 1, '2026-03-01 11:00:00+00', { status: 'shipped' })], undefined, 'h2');
    const failure = await publish('h2').then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishRefusedError);
    expect(exitCodeFor(failure)).toBe(ExitCode.dataViolation);
    expect((failure as Error).message).toContain('fct_orders_not_null_currency_code_in_batch failed with 1 rows in curated.fct_orders (sample failing keys: 11)');
    expect(await results('h2')).toEqual(expect.arrayContaining([{ check_name: 'fct_orders_not_null_currency_code_in_batch', severity: 'error', status: 'fail', failing_rows: 1 }]));
    // Neither the faulty order nor the good update beside it: the batch is one unit.
    expect(await analyticsOrders()).toEqual([{ order_id: 10, order_status: 'paid' }]);
  });

  it('the refused check\'s row in ops.dq_results names the failing order beside why nothing was published, as any failing check\'s does', async () => {
    const [refused] = await sandbox.query<{ details: string }>("select details from ops.dq_results where run_id = 'h2' and check_name = 'fct_orders_not_null_currency_code_in_batch'");
    expect(refused.details).toBe('publish refused: the load rolled back its models, nothing of this batch reached curated; sample failing keys: 11');
  });

  it('a refused check over a PII key records its sample masked', async () => {
    const failure = await publishModels(sandbox.models, {
      warehouse: sandbox.warehouse, logger: silentLogger(), clock: sandbox.clock, runId: 'h2-pii', mode: 'hourly', checks: loadQualityChecks(), piiColumns: new Set(['curated.fct_orders.order_id']),
    }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishRefusedError);
    const [refused] = await sandbox.query<{ details: string }>("select details from ops.dq_results where run_id = 'h2-pii' and check_name = 'fct_orders_not_null_currency_code_in_batch'");
    expect(refused.details).toMatch(/; sample failing keys: masked:[0-9a-f]{12}$/);
    expect((failure as Error).message).toMatch(/in curated\.fct_orders \(sample failing keys: masked:[0-9a-f]{12}\)/);
  });

  it('a later run that does not re-read the refused order still checks it: its batch holds every row it stages, not only those it extracted', async () => {
    await sandbox.land('orders', [row.order(10, 1, '2026-03-01 11:30:00+00', { status: 'shipped' })], undefined, 'h2b');
    const failure = await publish('h2b').then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishRefusedError);
    expect(await results('h2b')).toEqual(expect.arrayContaining([{ check_name: 'fct_orders_not_null_currency_code_in_batch', severity: 'error', status: 'fail', failing_rows: 1 }]));
    expect(await analyticsOrders()).toEqual([{ order_id: 10, order_status: 'paid' }]);
  });

  it('a warn check failed by an unknown order status publishes the batch; the quality job\'s run records the warning and no error', async () => {
    await sandbox.land('orders', [row.order(12, 1, '2026-03-01 12:00:00+00', { status: 'teleported' })], undefined, 'h3');
    await sandbox.land('orders', [row.order(11, 1, '2026-03-01 12:00:00+00', { status: 'shipped' })], undefined, 'h3');
    await publish('h3');
    // The refused batch went through with the fixed order 11, beside the new one: warnings do not hold data back.
    expect(await analyticsOrders()).toEqual([{ order_id: 10, order_status: 'shipped' }, { order_id: 11, order_status: 'shipped' }, { order_id: 12, order_status: 'teleported' }]);
    const checks = loadQualityChecks().filter((c) => c.scope === 'batch' && c.table === 'curated.fct_orders');
    const quality = await runQualityChecks(checks, { warehouse: sandbox.warehouse, runId: 'h3', clock: sandbox.clock, asOf: new Date('2026-03-01T13:00:00Z'), logger: silentLogger(), piiColumns: new Set<string>(), models: sandbox.models });
    expect(quality.filter((r) => r.status === 'fail').map((r) => [r.check, r.severity, r.failingRows])).toEqual([['fct_orders_accepted_values_order_status_in_batch', 'warn', 1]]);
    expect(await results('h3')).toEqual([{ check_name: 'fct_orders_accepted_values_order_status_in_batch', severity: 'warn', status: 'fail', failing_rows: 1 }]);
  });
});
