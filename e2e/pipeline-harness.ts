import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, loadConfig, silentLogger, type NorthstarConfig } from '@northstar/core';
import { openWarehouse, type Row } from '@northstar/warehouse';
import { runPipeline, type PipelineResult } from '../apps/orchestrator/src/run-pipeline';

export const workspaceRoot = path.resolve(__dirname, '..');
export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A NORTHSTAR_HOME of its own pointing at one orders DB, and ways to run and inspect pipelines there. */
export class PipelineHarness {
  readonly home = mkdtempSync(path.join(tmpdir(), 'northstar-e2e-'));
  readonly env: NodeJS.ProcessEnv;
  readonly config: NorthstarConfig;

  constructor(ordersDbUrl: string, extraEnv: Record<string, string> = {}) {
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

  hourly(at: string): Promise<PipelineResult> {
    const scheduledAt = new Date(at);
    return runPipeline({ mode: 'hourly', scheduledAt, runId: deriveRunId('hourly', scheduledAt) }, {
      config: this.config, logger: silentLogger(), env: this.env, workspaceRoot, clock: () => new Date(),
    });
  }

  async query<T extends Row = Row>(sql: string): Promise<T[]> {
    const warehouse = await openWarehouse(this.config.warehouse, silentLogger(), { readOnly: true });
    try {
      return await warehouse.query<T>({ sql, binds: [] });
    } finally {
      await warehouse.close();
    }
  }

  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
