import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, silentLogger } from '@northstar/core';
import { SimulatedBatch } from '@northstar/batch/testing';
import { LocalObjectStore } from '@northstar/object-store';
import { chunkedBackfillGraph, planBackfill } from './backfill-plan';
import { graphOfSources } from './batch-launch-run';
import { launchOnBatch } from './batch-launcher';

describe('planBackfill', () => {
  it('cuts the window into UTC day chunks, the ends cut to the window, each with its own stable run id', () => {
    const chunks = planBackfill({ start: new Date('2026-11-01T12:00:00Z'), end: new Date('2026-11-03T06:00:00Z') });
    expect(chunks.map((c) => [c.window?.start.toISOString(), c.window?.end.toISOString(), c.runId])).toEqual([
      ['2026-11-01T12:00:00.000Z', '2026-11-02T00:00:00.000Z', 'backfill-20261101T12-20261102T00'],
      ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z', 'backfill-20261102T00-20261103T00'],
      ['2026-11-03T00:00:00.000Z', '2026-11-03T06:00:00.000Z', 'backfill-20261103T00-20261103T06'],
    ]);
    expect(chunks.every((c) => c.mode === 'backfill')).toBe(true);
    expect(planBackfill({ start: new Date('2026-11-01T12:00:00Z'), end: new Date('2026-11-03T06:00:00Z') })).toEqual(chunks);
  });

  it('plans 90 days as 90 chunks', () => {
    expect(planBackfill({ start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-10-30T00:00:00Z') })).toHaveLength(90);
  });
});

describe('a backfill through the Batch executor', () => {
  const window = { start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-08-04T00:00:00Z') };
  const backfill = { mode: 'backfill' as const, runId: deriveRunId('backfill', window.start, window), scheduledAt: window.start, window };
  let dir: string;
  let batch: SimulatedBatch;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'backfill-batch-'));
    batch = new SimulatedBatch();
  });
  afterEach(async () => {
    batch.restore();
    await rm(dir, { recursive: true, force: true });
  });
  const launch = () => launchOnBatch(chunkedBackfillGraph(backfill, (chunk) => graphOfSources(chunk, 'orders_db')), { queue: 'backfill', definitionPrefix: 'northstar-', backfillTimeoutSeconds: 21_600 }, {
    jobs: batch.jobs, store: new LocalObjectStore(dir), launcherId: 'launcher-1', clock: () => new Date('2026-12-05T09:00:00Z'), logger: silentLogger(), staleAfterMs: 900_000,
  });

  it('submits day chunks in order on the low-priority backfill queue, each job with its chunk\'s run id and window, then the publish', async () => {
    await launch();
    const requests = batch.requests();
    const chunks = planBackfill(window);
    const publishRun = `${backfill.runId}-publish`;
    expect(requests.map((r) => [r.jobName, r.parameters?.['run_id'], r.parameters?.['start'], r.parameters?.['end']])).toEqual([
      ...chunks.flatMap((chunk) => {
        const tag = `d${chunk.scheduledAt.toISOString().slice(0, 10).replace(/-/g, '')}T00`;
        return ['extract-orders-db', 'load-orders-db'].map((job) => [`${backfill.runId}--${tag}-${job}`, chunk.runId, chunk.window?.start.toISOString(), chunk.window?.end.toISOString()]);
      }),
      ...['publish-orders-db', 'quality'].map((job) => [`${backfill.runId}--${job}`, publishRun, window.start.toISOString(), window.end.toISOString()]),
    ]);
    for (const request of requests) {
      expect(request.jobQueue).toBe('backfill');
      expect(request.timeout).toEqual({ attemptDurationSeconds: 21_600 });
      const command = request.containerOverrides?.command ?? [];
      expect(command[command.indexOf('--run-id') + 1]).toBe(request.parameters?.['run_id']);
      expect(command[command.indexOf('--mode') + 1]).toBe('backfill');
    }
    // The chunks' loads hold their rows; the publish moves them to raw with the models and checks.
    const commandOf = (i: number) => requests[i].containerOverrides?.command ?? [];
    expect([1, 3, 5].map((i) => commandOf(i).includes('--hold'))).toEqual([true, true, true]);
    expect(commandOf(6)).toContain('--publish-held');
    // Each day's extract waits for the previous day's load: one day's load holds the lock at a time, and a failed day stops the later ones and the publish.
    const idOf = (i: number) => batch.byName(requests[i].jobName ?? '').id;
    expect(requests[0].dependsOn ?? []).toEqual([]);
    expect(requests[2].dependsOn).toEqual([{ jobId: idOf(1) }]);
    expect(requests[4].dependsOn).toEqual([{ jobId: idOf(3) }]);
    expect(requests[3].dependsOn).toEqual([{ jobId: idOf(2) }]);
    expect(requests[6].dependsOn).toEqual([{ jobId: idOf(5) }]);
    expect(requests[7].dependsOn).toEqual([{ jobId: idOf(6) }]);
  });

  it('relaunched after a day failed, submits that day\'s failed job and what follows it, nothing that ran', async () => {
    await launch();
    const names = batch.requests().map((r) => r.jobName ?? '');
    batch.byName(names[4]).status = 'FAILED';
    for (const name of names.slice(5)) batch.byName(name).status = 'FAILED';
    for (const name of names.slice(0, 4)) batch.byName(name).status = 'SUCCEEDED';
    const relaunch = await launch();
    expect(relaunch).toMatchObject({ outcome: 'launched', submitted: names.slice(4) });
  });
});
