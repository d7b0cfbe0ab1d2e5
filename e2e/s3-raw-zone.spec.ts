import { Client } from 'pg';
import { startS3rver, type S3rverHandle } from '@northstar/object-store/testing';
import { createScratchDatabase, OrdersDbSandbox, type ScratchDatabase } from '@northstar/sandbox';
import { ALL_SUCCEEDED, PipelineHarness, POSTGRES_ADMIN_URL, SEEDED_START, uniqueDatabaseName } from './pipeline-harness';

/**
 * The raw zone in S3 (s3rver on loopback) with the DuckDB warehouse, set up
 * as a new user would: DuckDB reads each part through the object store, so
 * no DuckDB extension is downloaded (there is no network here).
 */
describe('an hourly pipeline on an s3:// raw zone with DuckDB', () => {
  let db: ScratchDatabase;
  let sandbox: OrdersDbSandbox;
  let s3: S3rverHandle;
  let harness: PipelineHarness;

  beforeAll(async () => {
    db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('e2e_s3_raw'));
    sandbox = await OrdersDbSandbox.connect(db.url, { scale: 0.005, start: SEEDED_START });
    await sandbox.createSchema();
    await sandbox.seed();
    s3 = await startS3rver('rawzone');
    harness = new PipelineHarness(db.url, {
      NORTHSTAR_RAW_URL: `s3://${s3.bucket}/raw`,
      NORTHSTAR_S3_ENDPOINT: s3.endpoint,
      AWS_REGION: s3.region,
      AWS_ACCESS_KEY_ID: s3.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.credentials.secretAccessKey,
    });
  }, 120_000);

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    await s3?.stop();
    harness?.dispose();
  });

  async function sourceOrderCount(): Promise<number> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>('select count(distinct order_id) as n from orders')).rows[0].n);
    } finally {
      await client.end();
    }
  }

  it('extracts to S3, loads every part into DuckDB and runs the models, two hours running', async () => {
    const first = await harness.hourly(SEEDED_START.toISOString());
    expect({ jobs: first.jobs, output: first.exitCode === 0 ? '' : first.output }).toEqual({ jobs: ALL_SUCCEEDED, output: '' });
    await sandbox.advanceHour(SEEDED_START);
    const next = new Date(SEEDED_START.getTime() + 3_600_000).toISOString();
    expect((await harness.hourly(next)).jobs).toEqual(ALL_SUCCEEDED);

    const store = s3.openStore('raw');
    const parts = (await store.list('orders_db/orders/')).filter((o) => o.key.endsWith('.parquet'));
    expect(parts.length).toBeGreaterThan(0);
    const [ledger] = await harness.query<{ files: number }>("select count(*) as files from ops.file_loads where entity = 'orders'");
    expect(Number(ledger.files)).toBe(parts.length);
    const [curated] = await harness.query<{ n: number }>('select count(*) as n from curated.fct_orders');
    expect(Number(curated.n)).toBe(await sourceOrderCount());
  }, 300_000);
});
