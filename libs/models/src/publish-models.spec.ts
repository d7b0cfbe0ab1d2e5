import { ExitCode, silentLogger } from '@northstar/core';
import { parseSqlTemplate } from '@northstar/sql';
import { SnowflakeWarehouse } from '@northstar/warehouse';
import { fakeSnowflakeColumn, RecordingSnowflakeConnection, type RecordedStatement } from '@northstar/warehouse/testing';
import { loadModelCatalog } from './model-catalog';
import { OrdersModelSandbox } from './orders-model-sandbox';
import { gatingChecks, publishModels, PublishRefusedError } from './publish-models';
import { loadQualityChecks, type QualityCheck } from './quality-checks';
import { ordersDbRow as row } from './testing';

/** An error check over the batch: an order of this run above 1,000 fails it. */
const noLargeOrders: QualityCheck = {
  name: 'fct_orders_no_large_order_in_batch',
  table: 'curated.fct_orders',
  severity: 'error',
  scope: 'batch',
  template: parseSqlTemplate(
    '-- name: fct_orders_no_large_order_in_batch\n--\nselect count(*) as failing_rows from curated.fct_orders where _run_id = :run_id and total_amount > 1000',
    'fct_orders_no_large_order_in_batch.sql',
  ),
};

describe('publishModels', () => {
  let sandbox: OrdersModelSandbox;
  beforeEach(async () => {
    sandbox = await OrdersModelSandbox.open();
  });
  afterEach(() => sandbox.dispose());

  // Rows carry the run id of the run that extracted them; a run's load checks the rows of its own run id.
  const publish = (runId: string, checks: readonly QualityCheck[] = [noLargeOrders]) =>
    publishModels(sandbox.models, { warehouse: sandbox.warehouse, logger: silentLogger(), piiColumns: new Set<string>(), clock: sandbox.clock, runId, mode: 'hourly', checks });
  const landOrder = async (runId: string, id: number, total: string) => {
    await sandbox.land('customers', [row.customer(1, '2026-02-01 00:00:00+00')], undefined, runId);
    await sandbox.land('orders', [row.order(id, 1, '2026-03-01 10:00:00+00', { total })], undefined, runId);
  };
  const curatedOrders = () => sandbox.query('select order_id, cast(total_amount as double) as total_amount from curated.fct_orders order by order_id');

  it('commits every model and its progress when the error checks pass', async () => {
    await landOrder('h1', 10, '13.00');
    const results = await publish('h1');
    expect(results.find((r) => r.model === 'fct_orders')?.status).toBe('ran');
    expect(await curatedOrders()).toEqual([{ order_id: 10, total_amount: 13 }]);
  });

  it('rolls back every model and its progress when an error check fails, records why, and publishes the batch once fixed', async () => {
    await landOrder('h1', 10, '13.00');
    await publish('h1');
    const stateBefore = await sandbox.query('select model, processed_through from ops.model_state order by model');

    await landOrder('h2', 11, '5000.00');
    const failure = await publish('h2').then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishRefusedError);
    expect((failure as PublishRefusedError).exitCode).toBe(ExitCode.dataViolation);
    expect((failure as Error).message).toMatch(/^publish refused, nothing committed .*fct_orders_no_large_order_in_batch failed with 1 rows in curated\.fct_orders$/);
    // Nothing of the batch: not in curated, not in staging, and no model's progress moved.
    expect(await curatedOrders()).toEqual([{ order_id: 10, total_amount: 13 }]);
    expect(await sandbox.query('select order_id from staging.stg_orders_db__orders order by order_id')).toEqual([{ order_id: 10 }]);
    expect(await sandbox.query('select model, processed_through from ops.model_state order by model')).toEqual(stateBefore);
    expect(await sandbox.query('select check_name, status, failing_rows from ops.dq_results')).toEqual([{ check_name: 'fct_orders_no_large_order_in_batch', status: 'fail', failing_rows: 1 }]);

    // The same batch reruns on the next load: with the rule relaxed it goes through whole.
    await publish('h3', []);
    expect(await curatedOrders()).toEqual([{ order_id: 10, total_amount: 13 }, { order_id: 11, total_amount: 5000 }]);
  });

  it('gates on the run\'s error checks over the tables these models write, by the mode\'s scopes', () => {
    const checks = loadQualityChecks();
    const fctOrders = sandbox.models.filter((m) => m.name === 'fct_orders');
    const hourly = gatingChecks(fctOrders, { mode: 'hourly', checks }).map((c) => c.name);
    const nightly = gatingChecks(fctOrders, { mode: 'nightly', checks }).map((c) => c.name);
    expect(hourly).toContain('fct_orders_unique_order_id_in_batch');
    expect(hourly).not.toContain('fct_orders_unique_order_id');
    expect(nightly).toEqual(expect.arrayContaining(['fct_orders_unique_order_id', 'fct_orders_unique_order_id_in_batch']));
    expect(gatingChecks(fctOrders, { mode: 'hourly', checks }).every((c) => c.severity === 'error' && c.table === 'curated.fct_orders')).toBe(true);
  });
});

describe('publishModels on Snowflake (recording connection)', () => {
  it('sends DDL before the transaction, the MERGE and the check inside it, and a rollback, not a commit, when the check fails', async () => {
    const text = (cols: string[], rows: unknown[][]) => ({ columns: cols.map((c) => fakeSnowflakeColumn(c, c === 'FAILING_ROWS' ? 'fixed' : 'text')), rows });
    let inTransaction = false;
    const connection = new RecordingSnowflakeConnection((s: RecordedStatement) => {
      if (/^begin/i.test(s.sql)) inTransaction = true;
      if (/^(commit|rollback)/i.test(s.sql)) inTransaction = false;
      // The raw input exists from the start; the model's own table once the transaction has created its rows.
      if (s.sql.includes('information_schema.columns')) {
        const table = String(s.binds[1]).toLowerCase();
        return table === 'orders_db__products' || (inTransaction && table === 'stg_orders_db__products') ? text(['COLUMN_NAME', 'DATA_TYPE'], [['product_id', 'NUMBER']]) : undefined;
      }
      if (s.sql.includes('as batch_end')) return text(['BATCH_END'], [['2026-11-02T08:00:00.000Z']]);
      if (s.sql.includes('failing_rows')) return text(['FAILING_ROWS'], [['2']]);
      return undefined;
    });
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
    const models = loadModelCatalog().filter((m) => m.name === 'stg_orders_db__products');
    const failure = await publishModels(models, { warehouse, logger: silentLogger(), piiColumns: new Set<string>(), clock: () => new Date('2026-11-02T09:00:00Z'), runId: 'hourly-20261102T09', mode: 'hourly', checks: loadQualityChecks() })
      .then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(PublishRefusedError);
    const kinds = connection.statements.map((s) => (s.sql.includes('ops.dq_results') ? 'record' : /^\s*(create|begin|merge|rollback|commit)\b/i.exec(s.sql)?.[1].toLowerCase() ?? (s.sql.includes('failing_rows') ? 'check' : 'other')));
    const begin = kinds.indexOf('begin');
    const rollback = kinds.indexOf('rollback');
    expect(kinds.slice(0, begin)).toContain('create');
    expect(kinds.slice(begin, rollback)).toEqual(expect.arrayContaining(['merge', 'check']));
    expect(kinds.slice(begin)).not.toContain('create');
    expect(kinds).not.toContain('commit');
    expect(kinds.slice(rollback)).toContain('record');
  });
});
