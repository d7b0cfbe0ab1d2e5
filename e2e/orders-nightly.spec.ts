import { createScratchDatabase, OrdersDbSandbox, type FaultReport, type ScratchDatabase } from '@northstar/sandbox';
import { ORDERS_DB_ONLY, ORDERS_DB_SUCCEEDED, PipelineHarness, POSTGRES_ADMIN_URL, uniqueDatabaseName } from './pipeline-harness';

const START = new Date('2026-11-02T06:00:00Z');

type Flag = { id: number; is_deleted: boolean };

/**
 * Hard deletes, which no updated_at can show: the nightly run lands every
 * table's key set, and the reconciliation models turn the missing keys into
 * delete flags that later hourly runs must keep.
 */
describe('nightly reconciliation of hard deletes, end to end', () => {
  let db: ScratchDatabase;
  let sandbox: OrdersDbSandbox;
  let harness: PipelineHarness;
  let fault: FaultReport;

  beforeAll(async () => {
    db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('e2e_nightly'));
    sandbox = await OrdersDbSandbox.connect(db.url, { scale: 0.01, start: START });
    await sandbox.createSchema();
    await sandbox.seed();
    // The orders chain alone: the reconciliation is its subject.
    harness = new PipelineHarness(db.url, {}, ORDERS_DB_ONLY);
    expect((await harness.hourly('2026-11-02T06:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    await sandbox.advanceHour(START);
    expect((await harness.hourly('2026-11-02T07:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    fault = await sandbox.injectFault('hard_delete', new Date('2026-11-02T07:10:00Z'));
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    harness?.dispose();
  });

  const orderFlags = (table: 'staging.stg_orders_db__orders' | 'curated.fct_orders') =>
    harness.query<Flag>('select order_id as id, is_deleted from {{ table }} where is_deleted or list_contains(cast(:ids as bigint[]), order_id) order by order_id', { ids: JSON.stringify(fault.orderIds) }, { table });
  const lineFlags = (table: 'staging.stg_orders_db__order_items' | 'curated.fct_order_items') =>
    harness.query<Flag>('select order_item_id as id, is_deleted from {{ table }} where is_deleted or list_contains(cast(:ids as bigint[]), order_item_id) order by order_item_id', { ids: JSON.stringify(fault.orderItemIds) }, { table });
  const deleted = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).map((id) => ({ id, is_deleted: true }));

  it('the hourly runs cannot see a hard delete', async () => {
    expect(fault.orderIds).toHaveLength(3);
    expect(fault.orderItemIds.length).toBeGreaterThan(0);
    expect((await harness.hourly('2026-11-02T08:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect(await orderFlags('curated.fct_orders')).toEqual(fault.orderIds.map((id) => ({ id, is_deleted: false })).sort((a, b) => a.id - b.id));
  }, 120_000);

  it('`pipeline -- nightly` flags exactly the deleted orders and their lines, in staging and curated', async () => {
    const run = await harness.nightly('2026-11-02T08:00:00Z');
    expect(run.exitCode).toBe(0);
    expect(run.runId).toBe('nightly-20261102');
    // The access audit runs nightly beside the chain; a local warehouse keeps no access history, so it has nothing to do.
    expect(run.jobs).toEqual([...ORDERS_DB_SUCCEEDED, ['audit-access', 'succeeded']]);
    const [keys] = await harness.query<{ n: number }>('select count(*) as n from raw.orders_db__orders_keys where _run_id = :run_id', { run_id: run.runId });
    expect(keys.n).toBeGreaterThan(100);
    expect(await orderFlags('staging.stg_orders_db__orders')).toEqual(deleted(fault.orderIds));
    expect(await orderFlags('curated.fct_orders')).toEqual(deleted(fault.orderIds));
    expect(await lineFlags('staging.stg_orders_db__order_items')).toEqual(deleted(fault.orderItemIds));
    expect(await lineFlags('curated.fct_order_items')).toEqual(deleted(fault.orderItemIds));
    const [dated] = await harness.query<{ n: number }>('select count(*) as n from curated.fct_orders where is_deleted and deleted_at is not null');
    expect(dated.n).toBe(3);
  }, 120_000);

  it('a later hourly run, whose lookback re-reads the hour before the nightly, does not resurrect them', async () => {
    await sandbox.advanceHour(new Date('2026-11-02T08:00:00Z'));
    expect((await harness.hourly('2026-11-02T09:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    // and a replay of the hour before the nightly, which re-extracts what was loaded then
    expect((await harness.hourly('2026-11-02T08:00:00Z')).jobs).toEqual(ORDERS_DB_SUCCEEDED);
    expect(await orderFlags('staging.stg_orders_db__orders')).toEqual(deleted(fault.orderIds));
    expect(await orderFlags('curated.fct_orders')).toEqual(deleted(fault.orderIds));
    expect(await lineFlags('curated.fct_order_items')).toEqual(deleted(fault.orderItemIds));
  }, 120_000);
});
