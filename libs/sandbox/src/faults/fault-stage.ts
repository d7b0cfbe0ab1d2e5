import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, type NorthstarConfig, type RunMode } from '@northstar/core';
import { startEmbeddedOrdersDb } from '../embedded-orders-db';
import { OrdersDbSandbox } from '../orders-db-sandbox';
import { createScratchDatabase } from '../scratch-database';
import { compareCurated, type CuratedComparison } from './curated-comparison';
import { SourceApiSandboxes } from '../source-api-sandboxes';
import { type AppCommand, type AppEntry, type AppExit, RunningApp } from './running-app';

/** Where a scenario's orders DB runs: the embedded PGlite (the default) or a scratch database on a real server. */
export type FaultSource = 'embedded' | { readonly postgresAdminUrl: string };

export interface FaultStageOptions {
  readonly command: AppCommand;
  readonly source: FaultSource;
  /** Sandbox size (default 0.01: ~1,200 orders) and epoch: the first hourly run is at `start`. */
  readonly scale?: number;
  readonly start?: Date;
  /** Variables on top of the local defaults, for every process of the stage. */
  readonly env?: Readonly<Record<string, string>>;
  /** The sources the stage's pipeline runs read (`--sources`); every registered one when absent. */
  readonly sources?: readonly string[];
}

export const FAULT_STAGE_START = new Date('2026-11-02T06:00:00Z');
export const HOUR_MS = 3_600_000;

/**
 * One scenario's world: a NORTHSTAR_HOME of its own (embedded DuckDB, local
 * raw zone), a seeded orders DB, and the apps run as processes against them,
 * exactly as an operator would start them.
 */
export class FaultStage {
  readonly env: NodeJS.ProcessEnv;
  readonly config: NorthstarConfig;
  /** A pipeline run of the stage succeeded, so the orders DB's load has run: what a domain job (models-payments, models-support) waits for in the graph. */
  ordersLoaded = false;

  private constructor(
    readonly home: string,
    readonly sourceUrl: string,
    readonly sandbox: OrdersDbSandbox,
    /** Stripe and Zendesk on loopback, fed from `sandbox`: every run of the stage extracts them from here. */
    readonly apis: SourceApiSandboxes,
    readonly start: Date,
    private readonly command: AppCommand,
    env: Readonly<Record<string, string>>,
    private readonly stopSource: () => Promise<void>,
    /** The server's admin URL when the orders DB is a scratch database on it. */
    readonly postgresAdminUrl: string | undefined,
    private readonly sources: readonly string[] | undefined,
  ) {
    this.env = { ...process.env, ...stageDefaults(home, sourceUrl), ...apis.env(), ...env };
    this.config = loadConfig(this.env);
  }

  /** Seeds the orders DB; nothing has run yet (see baseline). */
  static async open(name: string, options: FaultStageOptions): Promise<FaultStage> {
    const home = mkdtempSync(path.join(tmpdir(), `northstar-fault-${name}-`));
    const start = options.start ?? FAULT_STAGE_START;
    const source = await openSource(name, options.source);
    try {
      const sandbox = await OrdersDbSandbox.connect(source.url, { scale: options.scale ?? 0.01, start });
      await sandbox.createSchema();
      await sandbox.seed();
      const apis = await SourceApiSandboxes.start(sandbox);
      await apis.syncTo(start);
      return new FaultStage(home, source.url, sandbox, apis, start, options.command, options.env ?? {}, source.stop, options.source === 'embedded' ? undefined : options.source.postgresAdminUrl, options.sources);
    } catch (error) {
      await source.stop();
      rmSync(home, { recursive: true, force: true });
      throw error;
    }
  }

  /** The hour `hours` after the sandbox epoch. */
  hour(hours: number): Date {
    return new Date(this.start.getTime() + hours * HOUR_MS);
  }

  /** `npm run pipeline -- <mode> --at <at>` as a process, to its end. */
  async pipeline(mode: RunMode, at: Date, env: Readonly<Record<string, string>> = {}): Promise<AppExit> {
    await this.apis.syncTo(at);
    const only = this.sources ? ['--sources', this.sources.join(',')] : [];
    const exit = await this.launch('pipeline', [mode, '--at', at.toISOString(), ...only], env).exited;
    if (exit.code === 0) this.ordersLoaded = true;
    return exit;
  }

  /** One app for the hour at `at`, started and left running. */
  startApp(entry: Exclude<AppEntry, 'pipeline'>, at: Date, args: readonly string[] = [], env: Readonly<Record<string, string>> = {}): RunningApp {
    return this.launch(entry, ['--mode', 'hourly', '--at', at.toISOString(), ...args], env);
  }

  /** The first hourly run at the epoch, which must succeed for any scenario to mean something. */
  async baseline(): Promise<void> {
    const run = await this.pipeline('hourly', this.start);
    if (run.code !== 0) throw new Error(`the baseline hourly run at ${this.start.toISOString()} exited ${run.code}:\n${run.output.slice(-3000)}`);
  }

  compare(windowEnd: Date): Promise<CuratedComparison> {
    return compareCurated(this.sourceUrl, this.config.warehouse, windowEnd);
  }

  async close(): Promise<void> {
    await this.apis.close();
    await this.sandbox.close().catch(() => undefined);
    await this.stopSource();
    rmSync(this.home, { recursive: true, force: true });
  }

  private launch(entry: AppEntry, args: readonly string[], env: Readonly<Record<string, string>>): RunningApp {
    return RunningApp.start(this.command, entry, args, { ...this.env, ...env });
  }
}

function stageDefaults(home: string, sourceUrl: string): Record<string, string> {
  return {
    NORTHSTAR_ENV: 'local',
    NORTHSTAR_HOME: home,
    ORDERS_DB_URL: sourceUrl,
    NORTHSTAR_INITIAL_START: '2000-01-01T00:00:00Z',
    // The sandbox stamps rows inside the hour before each run, so no lag is needed to see them.
    NORTHSTAR_SAFETY_LAG_SECONDS: '0',
    NORTHSTAR_LOG_LEVEL: 'info',
    NORTHSTAR_LOG_FORMAT: 'json',
  };
}

async function openSource(name: string, source: FaultSource): Promise<{ url: string; stop: () => Promise<void> }> {
  if (source === 'embedded') {
    const db = await startEmbeddedOrdersDb({ port: 0 });
    return { url: db.url, stop: () => db.stop() };
  }
  const dbName = `faults_${name.replace(/[^a-z0-9]+/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`.slice(0, 63);
  const db = await createScratchDatabase(source.postgresAdminUrl, dbName);
  return { url: db.url, stop: () => db.drop() };
}
