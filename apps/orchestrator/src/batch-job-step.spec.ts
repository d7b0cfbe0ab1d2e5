import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, silentLogger, type NorthstarConfig } from '@northstar/core';
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

  it('without a step (a job submitted by hand) the app just runs; a warehouse that cannot take the row costs the row, not the job', async () => {
    expect(await runJobStep(app(3), deps({}))).toBe(3);
    expect(await pipelineRunRows(config, runId)).toEqual([]);
    const unwritable = loadConfig({ NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_DUCKDB_PATH: home, NORTHSTAR_LOG_FORMAT: 'json' });
    expect(await runJobStep(app(0), deps({ [PIPELINE_STEP_VARIABLE]: 'quality' }, { config: unwritable }))).toBe(0);
  });
});
