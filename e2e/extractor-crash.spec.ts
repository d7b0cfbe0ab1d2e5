import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createScratchDatabase, OrdersDbSandbox, type ScratchDatabase } from '@northstar/sandbox';
import { PipelineHarness, POSTGRES_ADMIN_URL, uniqueDatabaseName, workspaceRoot } from './pipeline-harness';

const AT = '2026-11-02T06:00:00Z';
const RUN_DIR = 'orders_db/orders/load_date=2026-11-02/hour=06/run=hourly-20261102T06';

function app(name: string, harness: PipelineHarness, args: string[]) {
  return [[path.join(workspaceRoot, 'apps', name, 'src', 'main.ts'), '--mode', 'hourly', '--at', AT, ...args], { cwd: workspaceRoot, env: harness.env }] as const;
}

function runApp(name: string, harness: PipelineHarness, args: string[] = []): number {
  const [argv, options] = app(name, harness, args);
  return spawnSync(process.execPath, ['--import', 'tsx', ...argv], { ...options, stdio: 'ignore' }).status ?? -1;
}

/** Waits until the extractor has written at least one orders part, then kills it outright. */
async function killMidExtraction(harness: PipelineHarness): Promise<string[]> {
  const [argv, options] = app('extract-orders-db', harness, []);
  const child = spawn(process.execPath, ['--import', 'tsx', ...argv], { ...options, stdio: 'ignore' });
  const runDir = path.join(harness.home, 'raw', RUN_DIR);
  const deadline = Date.now() + 60_000;
  const parts = () => (existsSync(runDir) ? readdirSync(runDir).filter((f) => f.endsWith('.parquet')) : []);
  while (parts().length === 0) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`extractor ended (${child.exitCode}) before writing an orders part`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('close', resolve));
  return readdirSync(runDir);
}

describe('an extractor killed before its manifest', () => {
  let db: ScratchDatabase;
  let harness: PipelineHarness;

  beforeAll(async () => {
    db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName('e2e_crash'));
    const sandbox = await OrdersDbSandbox.connect(db.url, { scale: 0.005, start: new Date(AT) });
    await sandbox.createSchema();
    await sandbox.seed();
    await sandbox.close();
    // One row per part makes the extraction long enough to be caught half-way.
    harness = new PipelineHarness(db.url, { NORTHSTAR_ROWS_PER_PART: '1' });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
    harness?.dispose();
  });

  it('leaves parts that nothing loads, and its rerun completes the run', async () => {
    const left = await killMidExtraction(harness);
    expect(left.some((f) => f.endsWith('.parquet'))).toBe(true);
    expect(left).not.toContain('_manifest.json');

    expect(runApp('load', harness, ['--source', 'orders_db', '--run-id', 'load-after-crash'])).toBe(0);
    const [raw] = await harness.query<{ n: number }>('select count(*) as n from raw.orders_db__orders');
    expect(raw.n).toBe(0);
    expect(await harness.query("select * from ops.watermarks where entity = 'orders'")).toEqual([]);

    expect(runApp('extract-orders-db', harness, ['--entities', 'orders'])).toBe(0);
    expect(runApp('load', harness, ['--source', 'orders_db', '--entities', 'orders', '--run-id', 'load-after-rerun'])).toBe(0);
    const [loaded] = await harness.query<{ n: number; files: number }>('select count(*) as n, count(distinct _source_file) as files from raw.orders_db__orders');
    const [ledger] = await harness.query<{ n: number }>("select count(*) as n from ops.file_loads where entity = 'orders'");
    expect(loaded.n).toBeGreaterThan(100);
    expect(ledger.n).toBe(loaded.files);
  }, 180_000);
});
