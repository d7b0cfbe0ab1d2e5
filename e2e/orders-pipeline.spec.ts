import { Client } from 'pg';
import { maskValue } from '@northstar/parquet';
import { createScratchDatabase, OrdersDbSandbox, type HourChanges, type ScratchDatabase } from '@northstar/sandbox';
import { ALL_SUCCEEDED, PipelineHarness, POSTGRES_ADMIN_URL, uniqueDatabaseName } from './pipeline-harness';

type FactRow = { order_id: number } & Record<string, unknown>;

/**
 * The first slice end to end, each job a real process, against the real
 * PostgreSQL server: extract-orders-db -> load -> quality, hour after hour.
 */
describe('hourly orders pipeline, end to end', () => {
  let db: ScratchDatabase;
  let sandbox: OrdersDbSandbox;
  let harness: PipelineHarness;
  const first = new Date('2026-11-02T06:00:00Z');

  beforeAll(async () => {
    db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('e2e_orders'));
    sandbox = await OrdersDbSandbox.connect(db.url, { scale: 0.02, start: first });
    await sandbox.createSchema();
    await sandbox.seed();
    harness = new PipelineHarness(db.url);
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    harness?.dispose();
  });

  const facts = async () => new Map((await harness.query<FactRow>('select * from curated.fct_orders order by order_id')).map((r) => [r.order_id, JSON.stringify(r)]));

  async function sourceOrders(): Promise<{ ids: number[]; total: string }> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const ids = await client.query<{ order_id: string }>('select distinct order_id from orders where order_id is not null order by 1');
      const total = await client.query<{ total: string }>('select sum(total)::text as total from (select distinct on (order_id) total from orders where order_id is not null order by order_id, updated_at desc) t');
      return { ids: ids.rows.map((r) => Number(r.order_id)), total: total.rows[0].total };
    } finally {
      await client.end();
    }
  }

  it('lands the seeded history in every layer, order for order and cent for cent', async () => {
    const result = await harness.hourly('2026-11-02T06:00:00Z');
    expect(result.exitCode).toBe(0);
    expect(result.jobs).toEqual(ALL_SUCCEEDED);
    const source = await sourceOrders();
    expect(source.ids.length).toBeGreaterThan(100);
    const [curated] = await harness.query<{ n: number; total: string }>('select count(*) as n, cast(sum(total_amount) as varchar) as total from curated.fct_orders');
    expect(curated.n).toBe(source.ids.length);
    expect(curated.total).toBe(source.total);
    const runs = await harness.query<{ step: string; status: string }>("select step, status from ops.pipeline_runs where run_id = 'hourly-20261102T06' order by step");
    expect(runs).toEqual([
      { step: 'extract-orders-db', status: 'succeeded' },
      { step: 'extract-partner-files', status: 'succeeded' },
      { step: 'load-orders-db', status: 'succeeded' },
      { step: 'load-partner-files', status: 'succeeded' },
      { step: 'pipeline', status: 'succeeded' },
      { step: 'quality', status: 'succeeded' },
      { step: 'report-partner-files', status: 'succeeded' },
    ]);
  }, 120_000);

  it('masks PII outside prod before it leaves the extractor, with a keyed hash that still joins', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ customer_id: string; email: string; phone: string | null }>('select customer_id, email, phone from customers order by customer_id limit 5');
    await client.end();
    const landed = await harness.query<{ customer_id: number; email: string; country: string }>('select customer_id, email, country from raw.orders_db__customers order by customer_id limit 5');
    const key = harness.config.maskKey!;
    expect(landed.map((r) => [r.customer_id, r.email])).toEqual(rows.map((r) => [Number(r.customer_id), maskValue(key, r.email)]));
    expect(landed.every((r) => /^[A-Z]{2}$/.test(r.country))).toBe(true); // untagged columns stay readable
  }, 60_000);

  it('rerunning the same hour leaves every curated row unchanged', async () => {
    const before = await facts();
    const result = await harness.hourly('2026-11-02T06:00:00Z');
    expect(result.exitCode).toBe(0);
    expect(await facts()).toEqual(before);
    const [attempts] = await harness.query<{ n: number }>("select max(attempt) as n from ops.pipeline_runs where run_id = 'hourly-20261102T06' and step = 'load-orders-db'");
    expect(attempts.n).toBe(2);
  }, 120_000);

  it("a later hour's updates change exactly the affected rows", async () => {
    const before = await facts();
    const changes: HourChanges = await sandbox.advanceHour(first);
    expect(changes.updatedOrderIds.length).toBeGreaterThan(0);
    expect((await harness.hourly('2026-11-02T07:00:00Z')).exitCode).toBe(0);
    const after = await facts();
    const changed = [...after.keys()].filter((id) => after.get(id) !== before.get(id)).sort((a, b) => a - b);
    const expected = [...new Set([...changes.updatedOrderIds, ...changes.newOrderIds])].sort((a, b) => a - b);
    expect(changed).toEqual(expected);
    expect([...before.keys()].every((id) => after.has(id))).toBe(true);
  }, 120_000);
});
