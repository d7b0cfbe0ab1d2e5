import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, silentLogger, TransientError, type RunMode } from '@northstar/core';
import { SimulatedBatch } from '@northstar/batch/testing';
import { LocalObjectStore } from '@northstar/object-store';
import { launchOnBatch } from './batch-launcher';
import { waitForRun, withNightlyRepair } from './batch-nightly-repair';
import { buildGraph } from './job-graph';
import { repairRunFor } from './nightly-repair';

const at = new Date('2026-12-05T02:00:00Z');
const plan = { queue: 'hourly', definitionPrefix: 'northstar-', backfillTimeoutSeconds: 21_600 };
const graphFor = (mode: RunMode) => buildGraph({ mode, runId: deriveRunId(mode, at), scheduledAt: at });

describe('the nightly repair on Batch', () => {
  let dir: string;
  let batch: SimulatedBatch;
  const launch = (graph: ReturnType<typeof graphFor>) =>
    launchOnBatch(graph, plan, { jobs: batch.jobs, store: new LocalObjectStore(dir), launcherId: 'launcher-1', clock: () => at, logger: silentLogger(), staleAfterMs: 300_000 });
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'nightly-repair-'));
    batch = new SimulatedBatch();
  });
  afterEach(async () => {
    batch.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it("the nightly's requests end with the repair: the orchestrator's job, --executor batch --repair, after every other job of the run", async () => {
    const nightly = withNightlyRepair(graphFor('nightly'));
    await launch(nightly);
    const requests = batch.requests();
    const repair = batch.byName(`${nightly.runId}--repair`).input;
    expect(repair).toMatchObject({
      jobDefinition: 'northstar-orchestrator',
      parameters: { mode: 'nightly', run_id: nightly.runId, at: at.toISOString() },
      containerOverrides: { command: ['--mode', 'nightly', '--run-id', nightly.runId, '--at', at.toISOString(), '--executor', 'batch', '--repair'] },
    });
    // It waits on the backfills it submits: the backfill timeout, not an hour's share.
    expect(repair.timeout).toEqual({ attemptDurationSeconds: 21_600 });
    expect(requests.filter((r) => r !== repair).every((r) => r.timeout === undefined)).toBe(true);
    const others = requests.filter((r) => r !== repair).map((r) => batch.byName(r.jobName ?? '').id);
    expect(repair.dependsOn?.map((d) => d.jobId).sort()).toEqual(others.sort());
    expect(requests.at(-1)).toBe(repair);
    expect(withNightlyRepair(graphFor('hourly'))).toEqual(graphFor('hourly'));
  });

  describe('waiting for a day re-read as a backfill', () => {
    const nightly = { mode: 'nightly' as const, scheduledAt: at, runId: deriveRunId('nightly', at) };
    const day = repairRunFor(nightly, '2026-12-03', 'orders_db');
    if (!day) throw new Error('no repair run for the day');
    const graph = buildGraph(day);
    let now: number;
    const waitDeps = (onSleep: () => void) => ({
      jobs: batch.jobs, plan, pollMs: 30_000, timeoutMs: 3_600_000, clock: () => new Date(now),
      sleep: async (ms: number) => {
        now += ms;
        onSleep();
      },
    });
    beforeEach(() => (now = at.getTime()));

    it('the re-read runs under its own run id, from the day to the nightly', () => {
      expect(day).toMatchObject({ mode: 'backfill', runId: `repair-20261203-orders-db-${nightly.runId}`, window: { start: new Date('2026-12-03T00:00:00Z'), end: at } });
      expect(repairRunFor(nightly, '2026-12-03', 'stripe')?.runId).toBe(`repair-20261203-stripe-${nightly.runId}`);
      expect(repairRunFor(nightly, '2026-12-06', 'orders_db')).toBeUndefined();
    });

    it('succeeded once every job of the run SUCCEEDED; failed as soon as one is FAILED', async () => {
      await launch(graph);
      let polls = 0;
      expect(await waitForRun(graph, waitDeps(() => {
        polls++;
        for (const job of batch.submitted) job.status = polls === 1 ? 'RUNNING' : 'SUCCEEDED';
      }))).toBe('succeeded');
      expect(polls).toBe(2);
      batch.submitted[0].status = 'FAILED';
      expect(await waitForRun(graph, waitDeps(() => undefined))).toBe('failed');
    });

    it('a run still going at the timeout exits 75, so Batch retries the repair', async () => {
      await launch(graph);
      await expect(waitForRun(graph, waitDeps(() => undefined))).rejects.toBeInstanceOf(TransientError);
      expect(now - at.getTime()).toBe(3_600_000);
    });
  });
});
