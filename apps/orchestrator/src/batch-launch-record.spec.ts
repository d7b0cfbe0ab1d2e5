import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, loadConfig, silentLogger, type NorthstarConfig } from '@northstar/core';
import { SimulatedBatch } from '@northstar/batch/testing';
import { LocalObjectStore } from '@northstar/object-store';
import { recordedLaunch } from './batch-launch-record';
import { launchOnBatch } from './batch-launcher';
import { buildGraph } from './job-graph';
import { pipelineRunRows } from './testing';

const at = new Date('2026-12-05T09:00:00Z');
const graph = buildGraph({ mode: 'hourly', runId: deriveRunId('hourly', at), scheduledAt: at });
const options = { queue: 'hourly', definitionPrefix: 'northstar-' };

describe('the launcher records its launch in ops.pipeline_runs', () => {
  let home: string;
  let config: NorthstarConfig;
  let batch: SimulatedBatch;
  let store: LocalObjectStore;
  beforeEach(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'launch-record-'));
    config = loadConfig({ NORTHSTAR_ENV: 'local', NORTHSTAR_HOME: home, NORTHSTAR_LOG_FORMAT: 'json' });
    batch = new SimulatedBatch();
    store = new LocalObjectStore(path.join(home, 'raw'));
  });
  afterEach(async () => {
    batch.restore();
    await rm(home, { recursive: true, force: true });
  });

  const launch = (launcherId: string) =>
    recordedLaunch(graph, { config, logger: silentLogger(), clock: () => at }, () =>
      launchOnBatch(graph, options, { jobs: batch.jobs, store, launcherId, clock: () => at, logger: silentLogger(), staleAfterMs: 300_000 }));

  it('one row per launcher attempt: what it submitted, or that another launcher holds the run', async () => {
    await launch('launcher-1');
    await launch('launcher-2');
    expect(await pipelineRunRows(config, graph.runId)).toEqual([
      { step: 'launch', attempt: 1, status: 'succeeded', exit_code: 0, message: `${graph.nodes.length} jobs submitted, 0 already there` },
      { step: 'launch', attempt: 2, status: 'succeeded', exit_code: 0, message: expect.stringMatching(/^held by launcher launcher-1 since 2026-12-05T09:00:00.000Z: nothing submitted$/) },
    ]);
  });

  it("a launch Batch refuses is recorded failed with the exit code the launcher exits with, and the next attempt's row says what it completed", async () => {
    batch.beforeSubmit = () => {
      throw Object.assign(new Error('Too many requests'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    };
    await expect(launch('launcher-1')).rejects.toMatchObject({ exitCode: 75 });
    batch.beforeSubmit = () => undefined;
    await launch('launcher-1');
    const rows = await pipelineRunRows(config, graph.runId);
    expect(rows.map(({ attempt, status, exit_code }) => ({ attempt, status, exit_code }))).toEqual([
      { attempt: 1, status: 'failed', exit_code: 75 },
      { attempt: 2, status: 'succeeded', exit_code: 0 },
    ]);
    expect(rows[0].message).toMatch(/Too many requests/);
    expect(rows[1].message).toBe(`${graph.nodes.length} jobs submitted, 0 already there`);
  });
});
