import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, silentLogger, type NorthstarConfig } from '@northstar/core';
import { renderSql } from '@northstar/sql';
import { openWarehouse } from '@northstar/warehouse';
import { PIPELINE_STEP_VARIABLE } from './batch-job-plan';
import { runJobStep } from './batch-job-step';
import { pipelineRunRows } from './testing';

const runId = 'hourly-20261205T09';
const runArgs = ['--mode', 'hourly', '--run-id', runId, '--at', '2026-12-05T09:00:00.000Z'];
/** A stand-in app: logs as runMain does and exits with `code`. */
const app = (code: number) => [
  process.execPath, '-e',
  `if (${code}) process.stderr.write(JSON.stringify({ level: 'error', msg: 'load failed', err: { message: 'another load holds orders_db' } }) + '\\n'); process.exit(${code})`,
  '--',
  ...runArgs,
];

describe('a Batch job records its own ops.pipeline_runs row', () => {
  let home: string;
  let config: NorthstarConfig;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'job-step-'));
    config = loadConfig({ NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_LOG_FORMAT: 'json' });
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  const deps = (env: NodeJS.ProcessEnv, overrides: { config?: NorthstarConfig } = {}) => ({ env, config: overrides.config ?? config, logger: silentLogger(), clock: () => new Date('2026-12-05T09:10:00Z') });

  it('each attempt: a row opened before the app runs and closed with its exit code and failure message; the job exits as the app did', async () => {
    const env = { [PIPELINE_STEP_VARIABLE]: 'load-orders-db' };
    expect(await runJobStep(app(75), deps(env))).toBe(75);
    expect(await runJobStep(app(0), deps(env))).toBe(0);
    expect(await pipelineRunRows(config, runId)).toEqual([
      { step: 'load-orders-db', attempt: 1, status: 'failed', exit_code: 75, message: 'another load holds orders_db' },
      { step: 'load-orders-db', attempt: 2, status: 'succeeded', exit_code: 0, message: null },
    ]);
  });

  it("each shard of an array job is its own step: shards run at once, and one's outcome is not another's", async () => {
    const shard = (index: string) => ({ [PIPELINE_STEP_VARIABLE]: 'extract-orders-db', AWS_BATCH_JOB_ARRAY_INDEX: index });
    // One after the other here: the embedded warehouse file takes one writer at a time.
    expect(await runJobStep(app(0), deps(shard('0')))).toBe(0);
    expect(await runJobStep(app(75), deps(shard('1')))).toBe(75);
    expect(await pipelineRunRows(config, runId)).toEqual([
      { step: 'extract-orders-db#0', attempt: 1, status: 'succeeded', exit_code: 0, message: null },
      { step: 'extract-orders-db#1', attempt: 1, status: 'failed', exit_code: 75, message: 'another load holds orders_db' },
    ]);
  });

  it('without a step (a job submitted by hand) the app just runs; a warehouse that cannot take the row costs the row, not the job', async () => {
    expect(await runJobStep(app(3), deps({}))).toBe(3);
    expect(await pipelineRunRows(config, runId)).toEqual([]);
    const unwritable = loadConfig({ NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_DUCKDB_PATH: home, NORTHSTAR_LOG_FORMAT: 'json' });
    expect(await runJobStep(app(0), deps({ [PIPELINE_STEP_VARIABLE]: 'quality' }, { config: unwritable }))).toBe(0);
  });
  it('copies the run record the app ends its log with into the row: rows, bytes, seconds, retries, lag and its note', async () => {
    const record = { runRecord: true, msg: 'run record', App: 'extract-stripe', Source: 'stripe', RowsIn: 0, RowsOut: 8, Bytes: 2048, DurationSeconds: 1.5, Retries: 2, ExitCode: 0, Note: 'charges: events gap re-listed by created' };
    const withRecord = [process.execPath, '-e', `process.stderr.write(${JSON.stringify(JSON.stringify(record))} + '\\n')`, '--', ...runArgs];
    expect(await runJobStep(withRecord, deps({ [PIPELINE_STEP_VARIABLE]: 'extract-stripe' }))).toBe(0);
    const warehouse = await openWarehouse(config.warehouse, silentLogger(), { readOnly: true });
    try {
      const rows = await warehouse.query(renderSql('select rows_in, rows_out, bytes, duration_seconds, retries, lag_minutes, note from ops.pipeline_runs where run_id = :run_id', warehouse.dialect, { params: { run_id: runId } }));
      expect(rows.map((r) => ({ ...r, rows_in: Number(r['rows_in']), rows_out: Number(r['rows_out']), bytes: Number(r['bytes']) }))).toEqual([
        { rows_in: 0, rows_out: 8, bytes: 2048, duration_seconds: 1.5, retries: 2, lag_minutes: null, note: 'charges: events gap re-listed by created' },
      ]);
    } finally {
      await warehouse.close();
    }
  });
});
