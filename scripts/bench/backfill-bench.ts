import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, loadConfig, silentLogger } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { openWarehouse } from '@northstar/warehouse';
import { createScratchDatabase, ORDER_HISTORY_DAYS, OrdersDbSandbox } from '@northstar/sandbox';

const root = path.resolve(__dirname, '../..');
const orchestrator = path.join(root, 'apps/orchestrator/src/main.ts');
/** The sources with no API sandbox to serve: the bench measures the orders DB's backfill and hourly runs. */
const BENCH_SOURCES = 'orders_db,partner_files';
/** The sandbox's history (ORDER_HISTORY_DAYS of orders) ends here. */
const START = new Date('2026-11-02T06:00:00Z');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Between attempts of the hourly run that meets the backfill: what a Batch retry costs at least. */
const RETRY_MS = 5_000;

export interface BackfillBenchFigures {
  readonly scale: number;
  readonly orders: number;
  readonly days: number;
  readonly seconds: number;
  readonly rowsLoaded: number;
  readonly rowsPerSecond: number;
  readonly peakRssMb: number;
  readonly hourly: { readonly attempts: number; readonly waitedSeconds: number; readonly ownSeconds: number };
}

/**
 * `npm run bench -- backfill`: a scratch orders DB seeded at `scale`, its
 * first hourly load, then `pipeline -- backfill` over the 90 days of order
 * history (every day re-read: a correction backfill) under GNU time. When
 * the backfill is half-way, the sandbox moves an hour on and the next hourly
 * run starts beside it, retried on failure as Batch would retry it; its wait
 * is the time from its first attempt to the start of the attempt that ran.
 */
export async function benchBackfill(adminUrl: string, scale: number): Promise<BackfillBenchFigures> {
  const db = await createScratchDatabase(adminUrl, `northstar_bench_backfill_${process.pid}`);
  const home = mkdtempSync(path.join(tmpdir(), 'northstar-bench-backfill-'));
  try {
    const sandbox = await OrdersDbSandbox.connect(db.url, { scale, start: START });
    await sandbox.createSchema();
    const counts = await sandbox.seed();
    const env = pipelineEnv(home, db.url);
    pipeline(env, ['hourly', '--at', START.toISOString()]);

    const days = ORDER_HISTORY_DAYS;
    // Whole UTC days: the backfill is exactly `days` chunks.
    const end = new Date(Math.floor(START.getTime() / DAY_MS) * DAY_MS);
    const from = new Date(end.getTime() - days * DAY_MS);
    const rssFile = path.join(home, 'backfill.rss');
    const started = Date.now();
    const backfill = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, '--import', 'tsx', orchestrator, 'backfill', '--start', from.toISOString(), '--end', end.toISOString(), '--sources', BENCH_SOURCES], { cwd: root, env, stdio: 'ignore' });
    const ended = new Promise<number | null>((resolve) => backfill.on('exit', resolve));
    const halfway = deriveRunId('backfill', new Date(from.getTime() + (days / 2) * DAY_MS), { start: new Date(from.getTime() + (days / 2) * DAY_MS), end: new Date(from.getTime() + (days / 2 + 1) * DAY_MS) });
    while (!existsSync(path.join(home, 'logs', halfway)) && backfill.exitCode === null) await sleep(200);
    await sandbox.advanceHour(START);
    await sandbox.close();
    const hourly = await hourlyBeside(env, new Date(START.getTime() + HOUR_MS));
    const exit = await ended;
    const seconds = (Date.now() - started) / 1000;
    if (exit !== 0) throw new Error(`the backfill failed (exit ${exit}); its logs are under ${home}/logs`);
    const rowsLoaded = await backfillRows(env);
    const peakKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1));
    return { scale, orders: counts.orders, days, seconds, rowsLoaded, rowsPerSecond: rowsLoaded / seconds, peakRssMb: Math.round(peakKb / 1024), hourly };
  } finally {
    rmSync(home, { recursive: true, force: true });
    await db.drop();
  }
}

/** The hourly run, attempted until it succeeds: locally a job finding the warehouse file held exits 75, as a load finding the lock held waits. */
async function hourlyBeside(env: NodeJS.ProcessEnv, at: Date): Promise<BackfillBenchFigures['hourly']> {
  const first = Date.now();
  for (let attempt = 1; attempt <= 200; attempt++) {
    const began = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', orchestrator, 'hourly', '--at', at.toISOString(), '--sources', BENCH_SOURCES], { cwd: root, env, encoding: 'utf8' });
    if (run.status === 0) return { attempts: attempt, waitedSeconds: (began - first) / 1000, ownSeconds: (Date.now() - began) / 1000 };
    if (run.status !== 75) throw new Error(`the hourly run beside the backfill failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    await sleep(RETRY_MS);
  }
  throw new Error('the hourly run beside the backfill did not get through in 200 attempts');
}

function pipeline(env: NodeJS.ProcessEnv, args: readonly string[]): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', orchestrator, ...args, '--sources', BENCH_SOURCES], { cwd: root, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pipeline ${args.join(' ')} failed (exit ${run.status}):\n${run.stdout}${run.stderr}`);
}

async function backfillRows(env: NodeJS.ProcessEnv): Promise<number> {
  const warehouse = await openWarehouse(loadConfig(env).warehouse, silentLogger(), { readOnly: true });
  try {
    const [row] = await warehouse.query<{ n: number | string }>(renderSql("select coalesce(sum(rows_loaded), 0) as n from ops.run_loads where run_id like 'backfill-%'", warehouse.dialect));
    return Number(row?.n ?? 0);
  } finally {
    await warehouse.close();
  }
}

function pipelineEnv(home: string, ordersDbUrl: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NORTHSTAR_ENV: 'local',
    NORTHSTAR_HOME: home,
    ORDERS_DB_URL: ordersDbUrl,
    NORTHSTAR_INITIAL_START: '2000-01-01T00:00:00Z',
    NORTHSTAR_SAFETY_LAG_SECONDS: '0',
    NORTHSTAR_LOG_LEVEL: 'info',
    NORTHSTAR_LOG_FORMAT: 'json',
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
