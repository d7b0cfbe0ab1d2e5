import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ExitCode, TransientError, deriveRunId, loadConfig, silentLogger, type NorthstarConfig, type RunParameters } from '@northstar/core';
import type { AppProcessOptions, AppProcessResult } from './app-process';
import { graphOfSources } from './batch-launch-run';
import type { JobNode } from './job-graph';
import { runPipeline, type PipelineDeps } from './run-pipeline';
import { holdDuckDbFile, pipelineRunRows, workspaceRoot } from './testing';

const scheduledAt = new Date('2026-11-29T12:00:00Z');
const run: RunParameters = { mode: 'hourly', scheduledAt, runId: deriveRunId('hourly', scheduledAt) };

describe('runPipeline', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let config: NorthstarConfig;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'orchestrator-run-'));
    // Relative, as an operator's shell would give it: resolved against this process's directory.
    env = { NORTHSTAR_HOME: path.relative(process.cwd(), path.join(dir, 'home')), NORTHSTAR_LOG_FORMAT: 'json' };
    config = loadConfig(env, false);
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const deps = (runJob: (node: JobNode, options: AppProcessOptions) => Promise<AppProcessResult>): PipelineDeps => ({
    // Two sources keep the job lists short; the graph's shape is job-graph.spec's.
    config, logger: silentLogger(), env, workspaceRoot, clock: () => scheduledAt, runJob, graphOf: (r) => graphOfSources(r, 'orders_db,partner_files'),
  });

  it('passes every job the absolute home and warehouse file its own run log uses', async () => {
    const seen: NodeJS.ProcessEnv[] = [];
    const result = await runPipeline(run, deps(async (_node, options) => {
      seen.push(options.env);
      return { exitCode: 0 };
    }));
    expect(result.succeeded).toBe(true);
    expect(env['NORTHSTAR_HOME']).not.toBe(config.home);
    expect(seen).toHaveLength(6);
    for (const jobEnv of seen) {
      expect(jobEnv['NORTHSTAR_HOME']).toBe(path.join(dir, 'home'));
      expect(jobEnv['NORTHSTAR_DUCKDB_PATH']).toBe(path.join(dir, 'home', 'warehouse.duckdb'));
    }
  });

  it('leaves no row running when a job cannot be started', async () => {
    const failure = runPipeline(run, deps(async () => {
      throw new Error('spawn EAGAIN');
    }));
    await expect(failure).rejects.toThrow('spawn EAGAIN');
    const rows = await pipelineRunRows(config, run.runId);
    expect(rows.map((r) => [r.step, r.status])).toEqual([['extract-orders-db', 'failed'], ['pipeline', 'failed']]);
    expect(rows.map((r) => r.message)).toEqual(Array(2).fill('the orchestrator stopped before recording how this ended: spawn EAGAIN'));
  });

  it('exits 75 when the warehouse is held between jobs, and the next attempt closes the rows left running', async () => {
    let holder: { release: () => Promise<void> } | undefined;
    try {
      const failure = runPipeline(run, deps(async () => {
        holder = await holdDuckDbFile(path.join(dir, 'home', 'warehouse.duckdb'));
        return { exitCode: 0 };
      }));
      await expect(failure).rejects.toBeInstanceOf(TransientError);
      await expect(failure).rejects.toMatchObject({ exitCode: ExitCode.transient });
    } finally {
      await holder?.release();
    }
    await runPipeline(run, deps(async () => ({ exitCode: 0 })));
    const rows = await pipelineRunRows(config, run.runId);
    expect(rows.map((r) => [r.step, r.attempt, r.status])).toEqual([
      ['extract-orders-db', 1, 'failed'], ['extract-orders-db', 2, 'succeeded'],
      ['extract-partner-files', 1, 'succeeded'],
      ['load-orders-db', 1, 'succeeded'],
      ['load-partner-files', 1, 'succeeded'],
      ['pipeline', 1, 'failed'], ['pipeline', 2, 'succeeded'],
      ['quality', 1, 'succeeded'],
      ['report-partner-files', 1, 'succeeded'],
    ]);
    const closed = rows.filter((r) => r.status === 'failed').map((r) => [r.step, r.exit_code, r.message?.startsWith('abandoned: the orchestrator stopped before recording how this ended')]);
    expect(closed).toEqual([['extract-orders-db', null, true], ['pipeline', null, true]]);
  });
});
