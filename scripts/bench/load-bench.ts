import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { loadSqlTemplate, postgresDialect, renderStatements } from '@northstar/sql';
import { createScratchDatabase, OrdersDbSandbox } from '@northstar/sandbox';
import { runPipelineHour, type PipelineHourFigures } from './pipeline-hour';

const changesSql = loadSqlTemplate(path.join(__dirname, 'load-bench-changes.sql'));
/** The sandbox's history ends here; the first load runs at this hour, the measured hour one later. */
const START = new Date('2026-11-02T06:00:00Z');
const HOUR_MS = 3_600_000;

export interface LoadBenchScale {
  readonly scale: number;
  readonly orders: number;
  readonly seedSeconds: number;
  readonly firstLoad: PipelineHourFigures;
  readonly oneHour: PipelineHourFigures;
}

/**
 * One scale of `npm run bench -- load`: a scratch orders DB seeded by the
 * sandbox, a first hourly load of its whole history into a fresh local
 * warehouse, then the fixed change set (load-bench-changes.sql) and one hour.
 */
export async function benchLoadAtScale(adminUrl: string, scale: number): Promise<LoadBenchScale> {
  const db = await createScratchDatabase(adminUrl, `northstar_bench_load_${process.pid}_${String(scale).replace('.', '_')}`);
  const home = mkdtempSync(path.join(tmpdir(), 'northstar-bench-load-'));
  try {
    const seeded = Date.now();
    const sandbox = await OrdersDbSandbox.connect(db.url, { scale, start: START });
    await sandbox.createSchema();
    const counts = await sandbox.seed();
    await sandbox.close();
    const seedSeconds = (Date.now() - seeded) / 1000;
    const env = pipelineEnv(home, db.url);
    const firstLoad = runPipelineHour(env, START);
    await applyChanges(db.url, START);
    const oneHour = runPipelineHour(env, new Date(START.getTime() + HOUR_MS));
    return { scale, orders: counts.orders, seedSeconds, firstLoad, oneHour };
  } finally {
    rmSync(home, { recursive: true, force: true });
    await db.drop();
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

async function applyChanges(url: string, hourStart: Date): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of renderStatements(changesSql, postgresDialect, { params: { hour_start: hourStart } })) {
      await client.query(statement.sql, statement.binds as unknown[]);
    }
  } finally {
    await client.end();
  }
}
