import { createScratchDatabase, OrdersDbSandbox, type ScratchDatabase } from '@northstar/sandbox';
import { ALL_SUCCEEDED, PipelineHarness, POSTGRES_ADMIN_URL, SEEDED_START, uniqueDatabaseName } from './pipeline-harness';

/**
 * The curated tables the sandbox's fixed history produces, recorded. A
 * refactor of extraction, staging, models or the job graph must leave these
 * equal; a change needs a stated reason (a bug the old code had), not a new
 * recording. Lineage columns (`_run_id`, `_merged_at`, `_row_hash`...) and
 * `deleted_at` are left out: they hold the pipeline's or the server's clock.
 */
const RECORDED: Record<string, TableDigest> = {
  'curated.dim_customer': { rows: 156, digest: '84a5d4b4630b665bbfa63411473d9cd7' },
  'curated.dim_date': { rows: 7670, digest: 'daf0886c4f5811979f1d84907fa6113d' },
  'curated.dim_product': { rows: 25, digest: '408134bdcebaef906ecdd427f8a2e779' },
  'curated.fct_order_items': { rows: 2998, digest: 'a0c53dd41cb1206d1511d4ed7c6f45c5' },
  // Built by the partner-files chain; the orders chain creates it empty before analytics.orders reads it.
  'curated.fct_order_shipment_times': { rows: 0, digest: '' },
  'curated.fct_orders': { rows: 1208, digest: '4ff0e97b587623b41d4d2ce21a025ff3' },
  // The partner-files source runs in the same graph; this sandbox drops no partner files (e2e/partner-files-pipeline.spec.ts does).
  'curated.fct_shipments': { rows: 0, digest: '' },
};

interface TableDigest {
  readonly rows: number;
  readonly digest: string;
}

/** Rows as DuckDB prints them, sorted, so the digest ignores row order and storage. */
const DIGEST_SQL = `
  select count(*) as rows, coalesce(md5(string_agg(row_text, chr(10) order by row_text)), '') as digest
  from (
    select cast(t as varchar) as row_text
    from (select columns(c -> not starts_with(c, '_') and c <> 'deleted_at') from {{ table }}) as t
  )`;

describe('the sandbox through the pipeline: curated tables as recorded', () => {
  let db: ScratchDatabase;
  let sandbox: OrdersDbSandbox;
  let harness: PipelineHarness;
  const runs: (readonly (readonly [string, string])[])[] = [];

  beforeAll(async () => {
    db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('e2e_curated_hash'));
    sandbox = await OrdersDbSandbox.connect(db.url, { scale: 0.01, seed: 42, start: SEEDED_START });
    await sandbox.createSchema();
    await sandbox.seed();
    harness = new PipelineHarness(db.url);
    const hourly = async (at: string) => runs.push((await harness.hourly(at)).jobs);

    await hourly('2026-11-02T06:00:00Z');
    await sandbox.advanceHour(new Date('2026-11-02T06:00:00Z'));
    await sandbox.injectFault('out_of_order_update', new Date('2026-11-02T06:50:00Z'));
    await sandbox.injectFault('duplicate_rows', new Date('2026-11-02T06:40:00Z'));
    await sandbox.injectFault('null_business_key', new Date('2026-11-02T06:35:00Z'));
    await sandbox.injectFault('new_column', new Date('2026-11-02T06:45:00Z'));
    await hourly('2026-11-02T07:00:00Z');
    await sandbox.advanceHour(new Date('2026-11-02T07:00:00Z'));
    await sandbox.injectFault('late_commit', new Date('2026-11-02T07:50:00Z'));
    await sandbox.injectFault('hard_delete', new Date('2026-11-02T07:55:00Z'));
    await hourly('2026-11-02T08:00:00Z');
    // stamped 07:40, committed after the 08:00 run: the 09:00 run's lookback reads it
    await sandbox.injectFault('late_update', new Date('2026-11-02T08:20:00Z'));
    await sandbox.advanceHour(new Date('2026-11-02T08:00:00Z'));
    await hourly('2026-11-02T09:00:00Z');
    // The nightly access audit (nothing to audit locally) is checked in orders-nightly.spec.
    runs.push((await harness.nightly('2026-11-02T09:00:00Z')).jobs.filter(([step]) => step !== 'audit-access'));
  }, 360_000); // ~55 s on a quiet machine; the shared one has taken over 180 s

  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    harness?.dispose();
  });

  it('every run succeeds', () => {
    // The nightly graph holds the sources with nightly key sets only: partner files run hourly.
    const nightly = ALL_SUCCEEDED.filter(([step]) => !step.endsWith('partner-files'));
    expect(runs).toEqual([...Array(runs.length - 1).fill(ALL_SUCCEEDED), nightly]);
  });

  it('every curated table holds what was recorded', async () => {
    const tables = await harness.query<{ name: string }>(
      "select table_schema || '.' || table_name as name from information_schema.tables where table_schema = 'curated' order by name",
    );
    const digests: Record<string, TableDigest> = {};
    for (const { name } of tables) {
      const [row] = await harness.query<{ rows: number; digest: string }>(DIGEST_SQL, {}, { table: name });
      digests[name] = { rows: Number(row.rows), digest: row.digest };
    }
    expect(digests).toEqual(RECORDED);
  });
});
