import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { deriveRunId, loadConfig, silentLogger, type NorthstarConfig, type RunMode } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { openWarehouse, type Row } from '@northstar/warehouse';
import { createScratchDatabase, OrdersDbSandbox, type ScratchDatabase } from '@northstar/sandbox';

export const workspaceRoot = path.resolve(__dirname, '..');
export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The sources a harness's pipelines run unless told otherwise: the two with no API sandbox to serve, so most specs stay fast. */
export const DEFAULT_SOURCES = 'orders_db,partner_files';
/** The orders DB alone: for specs whose subject is its chain, so another chain's jobs do not cost them every hour's time. */
export const ORDERS_DB_ONLY = 'orders_db';
/** Every registered source: for specs that serve the Stripe and Zendesk sandboxes (SourceApiSandboxes) beside the orders DB. */
export const FOUR_SOURCES = 'orders_db,partner_files,stripe,zendesk';

/** A NORTHSTAR_HOME of its own pointing at one orders DB, and ways to run and inspect pipelines there. */
export class PipelineHarness {
  readonly home = mkdtempSync(path.join(tmpdir(), 'northstar-e2e-'));
  readonly env: NodeJS.ProcessEnv;
  readonly config: NorthstarConfig;

  /** `sources`: the pipelines' --sources (DEFAULT_SOURCES, or FOUR_SOURCES with the API sandboxes' env in extraEnv). */
  constructor(ordersDbUrl: string, extraEnv: Record<string, string> = {}, readonly sources: string = DEFAULT_SOURCES) {
    this.env = {
      ...process.env,
      NORTHSTAR_ENV: 'local',
      NORTHSTAR_HOME: this.home,
      ORDERS_DB_URL: ordersDbUrl,
      NORTHSTAR_INITIAL_START: '2000-01-01T00:00:00Z',
      NORTHSTAR_SAFETY_LAG_SECONDS: '0',
      NORTHSTAR_LOG_LEVEL: 'info',
      NORTHSTAR_LOG_FORMAT: 'json',
      ...extraEnv,
    };
    this.config = loadConfig(this.env);
  }

  /** `npm run pipeline -- hourly --at <at> --sources <the harness's>`, as an operator would run it; the jobs' outcomes come from ops.pipeline_runs. */
  async hourly(at: string, sources: string = this.sources): Promise<PipelineOutcome> {
    return this.pipeline('hourly', at, sources);
  }

  /** `npm run pipeline -- nightly --at <at>`: key sets and digests, then the reconciliation models. */
  async nightly(at: string): Promise<PipelineOutcome> {
    return this.pipeline('nightly', at, this.sources);
  }

  /** The log a job of the run wrote under <home>/logs/<run_id>/. */
  jobLog(runId: string, job: string): string {
    return readFileSync(path.join(this.home, 'logs', runId, `${job}.log`), 'utf8');
  }

  /** Spawned, not spawnSync: the API sandboxes a spec serves answer from this process while the pipeline runs. */
  private async pipeline(mode: RunMode, at: string, sources: string): Promise<PipelineOutcome> {
    const runId = deriveRunId(mode, new Date(at));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(workspaceRoot, 'apps/orchestrator/src/main.ts'), mode, '--at', at, '--sources', sources], {
      cwd: workspaceRoot, env: this.env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.on('data', (chunk: Buffer) => void (run.stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => void (run.stderr += chunk.toString('utf8')));
    run.status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const jobs = await this.query<{ step: string; status: string }>(
      `select step, status from ops.pipeline_runs
       where run_id = :run_id and step <> 'pipeline'
         and attempt = (select max(attempt) from ops.pipeline_runs where run_id = :run_id and step = 'pipeline')
       order by started_at`,
      { run_id: runId },
    );
    return { runId, exitCode: run.status ?? -1, jobs: jobs.map((j) => [j.step, j.status] as const), output: `${run.stdout}${run.stderr}` };
  }

  /** One app run on its own, as an operator would run it (`npx tsx apps/<app>/src/main.ts ...`). */
  app(app: string, args: readonly string[]): { exitCode: number; output: string } {
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(workspaceRoot, 'apps', app, 'src/main.ts'), ...args], {
      cwd: workspaceRoot, env: this.env, encoding: 'utf8',
    });
    return { exitCode: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  }

  /** A statement that changes the warehouse, as someone with a SQL prompt on it would. */
  async execute(sql: string): Promise<void> {
    const warehouse = await openWarehouse(this.config.warehouse, silentLogger());
    try {
      await warehouse.run(renderSql(sql, warehouse.dialect));
    } finally {
      await warehouse.close();
    }
  }

  /** `idents` are quoted by the dialect (`{{ name }}` in the text), as everywhere else. */
  async query<T extends Row = Row>(sql: string, params: Record<string, unknown> = {}, idents: Record<string, string> = {}): Promise<T[]> {
    const warehouse = await openWarehouse(this.config.warehouse, silentLogger(), { readOnly: true });
    try {
      return await warehouse.query<T>(renderSql(sql, warehouse.dialect, { params, idents }));
    } finally {
      await warehouse.close();
    }
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

export interface PipelineOutcome {
  readonly runId: string;
  readonly exitCode: number;
  readonly jobs: readonly (readonly [string, string])[];
  readonly output: string;
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** What ops.pipeline_runs shows for an hourly run of DEFAULT_SOURCES where every job succeeded (partner files: none dropped unless a spec drops some). */
export const ALL_SUCCEEDED = [
  ['extract-orders-db', 'succeeded'], ['load-orders-db', 'succeeded'],
  ['extract-partner-files', 'succeeded'], ['load-partner-files', 'succeeded'], ['report-partner-files', 'succeeded'],
  ['quality', 'succeeded'],
];

/** An hourly run of ORDERS_DB_ONLY, all succeeded. */
export const ORDERS_DB_SUCCEEDED = ALL_SUCCEEDED.filter(([step]) => !step.endsWith('partner-files'));

/** The same for FOUR_SOURCES, in the order the jobs start. */
export const FOUR_SOURCES_SUCCEEDED = [
  ['extract-orders-db', 'succeeded'], ['load-orders-db', 'succeeded'],
  ['extract-partner-files', 'succeeded'], ['load-partner-files', 'succeeded'], ['report-partner-files', 'succeeded'],
  ['extract-stripe', 'succeeded'], ['load-stripe', 'succeeded'],
  ['extract-zendesk', 'succeeded'], ['load-zendesk', 'succeeded'],
  ['models-payments', 'succeeded'], ['models-support', 'succeeded'],
  ['quality', 'succeeded'],
];

/** An hourly run of the orders DB and one API source, as the Stripe and Zendesk specs run after their first (four-source) hour. */
export const WITH_API_SOURCE_SUCCEEDED = {
  'orders_db,stripe': [['extract-orders-db', 'succeeded'], ['load-orders-db', 'succeeded'], ['extract-stripe', 'succeeded'], ['load-stripe', 'succeeded'], ['models-payments', 'succeeded'], ['quality', 'succeeded']],
  'orders_db,zendesk': [['extract-orders-db', 'succeeded'], ['load-orders-db', 'succeeded'], ['extract-zendesk', 'succeeded'], ['load-zendesk', 'succeeded'], ['models-support', 'succeeded'], ['quality', 'succeeded']],
} as const;

/** The sandbox history of seededOrdersDb starts here; its first hourly run is at this hour. */
export const SEEDED_START = new Date('2026-11-02T06:00:00Z');

export interface SeededOrdersDb {
  db: ScratchDatabase;
  sandbox: OrdersDbSandbox;
  harness: PipelineHarness;
}

/**
 * A scratch orders DB seeded by the sandbox (scale 0.01), a harness over it
 * running `sources` (DEFAULT_SOURCES or ORDERS_DB_ONLY), and its first hourly
 * run (all jobs succeeded), for the life of a describe.
 */
export function seededOrdersDb(prefix: string, sources: typeof DEFAULT_SOURCES | typeof ORDERS_DB_ONLY = DEFAULT_SOURCES): SeededOrdersDb {
  const env = {} as SeededOrdersDb;
  beforeAll(async () => {
    env.db = await createScratchDatabase(POSTGRES_ADMIN_URL, uniqueDatabaseName(prefix));
    env.sandbox = await OrdersDbSandbox.connect(env.db.url, { scale: 0.01, start: SEEDED_START });
    await env.sandbox.createSchema();
    await env.sandbox.seed();
    env.harness = new PipelineHarness(env.db.url, {}, sources);
    expect((await env.harness.hourly(SEEDED_START.toISOString())).jobs).toEqual(sources === ORDERS_DB_ONLY ? ORDERS_DB_SUCCEEDED : ALL_SUCCEEDED);
  }, 120_000);
  afterAll(async () => {
    await env.sandbox?.close();
    await env.db?.drop();
    env.harness?.dispose();
  });
  return env;
}
