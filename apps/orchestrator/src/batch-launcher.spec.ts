import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deriveRunId, silentLogger, type RunMode } from '@northstar/core';
import { SimulatedBatch } from '@northstar/batch/testing';
import { LocalObjectStore } from '@northstar/object-store';
import { launchOnBatch, type BatchLaunchDeps } from './batch-launcher';
import { buildGraph, type JobGraph, type JobNode } from './job-graph';

const at = new Date('2026-12-05T09:00:00Z');
const hourly = { queue: 'hourly', definitionPrefix: 'northstar-', backfillTimeoutSeconds: 14_400 };
let dir: string;
let store: LocalObjectStore;
let batch: SimulatedBatch;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'batch-launcher-'));
  store = new LocalObjectStore(dir);
  batch = new SimulatedBatch();
});
afterEach(async () => {
  batch.restore();
  await rm(dir, { recursive: true, force: true });
});

const deps = (launcherId: string, now = at, overrides: Partial<BatchLaunchDeps> = {}): BatchLaunchDeps => ({
  jobs: batch.jobs, store, launcherId, clock: () => now, logger: silentLogger(), staleAfterMs: 300_000, ...overrides,
});
const graphFor = (mode: RunMode, window?: { start: Date; end: Date }): JobGraph =>
  buildGraph({ mode, runId: deriveRunId(mode, window?.start ?? at, window), scheduledAt: window?.start ?? at, window });
const idsByName = () => new Map(batch.submitted.map((j) => [j.input.jobName, j.id]));

describe('launchOnBatch: the requests a run becomes', () => {
  it('an hourly run: one SubmitJob per node, upstream first, dependsOn on the upstream job ids, the run id in names, parameters and tags', async () => {
    const graph = graphFor('hourly');
    const result = await launchOnBatch(graph, hourly, deps('launcher-1'));
    expect(result).toMatchObject({ outcome: 'launched', kept: [] });
    const requests = batch.requests();
    expect(requests.map((r) => r.jobName)).toEqual(graph.nodes.map((n) => `${graph.runId}--${n.id}`));
    const ids = idsByName();
    for (const [i, request] of requests.entries()) {
      const node = graph.nodes[i];
      expect(request).toMatchObject({
        jobQueue: 'hourly',
        jobDefinition: `northstar-${node.app}`,
        parameters: { mode: 'hourly', run_id: graph.runId, at: '2026-12-05T09:00:00.000Z' },
        // The job records its own ops.pipeline_runs row under its node's id (batch-job-step.ts).
        containerOverrides: { command: [...node.args], environment: [{ name: 'NORTHSTAR_PIPELINE_STEP', value: node.id }] },
        tags: { 'northstar:run-id': graph.runId, 'northstar:job': node.id },
        propagateTags: true,
      });
      expect(request.dependsOn).toEqual(node.dependsOn.map((dep) => ({ jobId: ids.get(`${graph.runId}--${dep}`) })));
      expect(request.arrayProperties).toBeUndefined();
      expect(request.timeout).toBeUndefined();
    }
  });

  it('a nightly run: its own run id and mode', async () => {
    const graph = graphFor('nightly');
    await launchOnBatch(graph, hourly, deps('launcher-1'));
    expect(graph.runId).toBe('nightly-20261205');
    for (const request of batch.requests()) {
      expect(request.jobName?.startsWith('nightly-20261205--')).toBe(true);
      expect(request.parameters).toMatchObject({ mode: 'nightly', run_id: 'nightly-20261205' });
    }
  });

  it('a sharded extract: an array job whose loader waits for every shard', async () => {
    const base = graphFor('hourly');
    const sharded: JobGraph = { ...base, nodes: base.nodes.map((n) => (n.app.startsWith('extract-') ? { ...n, args: [...n.args, '--shard-count', '16'] } : n)) };
    await launchOnBatch(sharded, hourly, deps('launcher-1'));
    const extract = batch.requests().find((r) => r.jobDefinition === 'northstar-extract-orders-db');
    expect(extract?.arrayProperties).toEqual({ size: 16 });
    expect(extract?.containerOverrides?.command).toContain('--shard-count');
    const extractId = batch.byName(extract!.jobName!).id;
    const waiting = batch.requests().filter((r) => r.dependsOn?.some((d) => d.jobId === extractId));
    expect(waiting.length).toBeGreaterThan(0);
    for (const request of waiting) expect(request.dependsOn).toContainEqual({ jobId: extractId });
  });

  it('a 90-day backfill: the backfill queue, the window as parameters, the longer timeout', async () => {
    const window = { start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-10-30T00:00:00Z') };
    const graph = graphFor('backfill', window);
    await launchOnBatch(graph, { ...hourly, queue: 'backfill' }, deps('launcher-1'));
    expect(batch.requests()).toHaveLength(graph.nodes.length);
    for (const request of batch.requests()) {
      expect(request).toMatchObject({
        jobQueue: 'backfill',
        parameters: { mode: 'backfill', run_id: graph.runId, start: '2026-08-01T00:00:00.000Z', end: '2026-10-30T00:00:00.000Z' },
        timeout: { attemptDurationSeconds: 14_400 },
      });
    }
  });

  it("a failed source stops only the jobs that read it: the requests' dependsOn say so", async () => {
    const n = (id: string, app: JobNode['app'], dependsOn: string[]): JobNode => ({ id, app, args: ['--mode', 'hourly'], dependsOn });
    const graph: JobGraph = {
      mode: 'hourly', runId: 'hourly-20261205T09', scheduledAt: at.toISOString(),
      nodes: [
        n('extract-orders-db', 'extract-orders-db', []), n('load-orders-db', 'load', ['extract-orders-db']),
        n('extract-zendesk', 'extract-zendesk', []), n('load-zendesk', 'load', ['extract-zendesk']),
        n('domain-orders', 'load', ['load-orders-db']), n('domain-support', 'load', ['load-zendesk', 'load-orders-db']),
      ],
    };
    await launchOnBatch(graph, hourly, deps('launcher-1'));
    const stopped = downstreamOf(batch.byName('hourly-20261205T09--extract-zendesk').id);
    expect([...stopped].sort()).toEqual(['hourly-20261205T09--domain-support', 'hourly-20261205T09--load-zendesk']);
    expect([...downstreamOf(batch.byName('hourly-20261205T09--extract-orders-db').id)].sort())
      .toEqual(['hourly-20261205T09--domain-orders', 'hourly-20261205T09--domain-support', 'hourly-20261205T09--load-orders-db']);
  });

  it("Batch's dependencies are the graph's: what each extract stops when it fails is what the graph says", async () => {
    for (const mode of ['hourly', 'nightly'] as const) {
      const graph = graphFor(mode);
      const before = batch.submitted.length;
      await launchOnBatch(graph, hourly, deps(`launcher-${mode}`));
      const extracts = graph.nodes.filter((node) => node.app.startsWith('extract-'));
      expect(extracts.length).toBeGreaterThan(0);
      for (const extract of extracts) {
        const inGraph = new Set<string>([extract.id]);
        for (const node of graph.nodes) if (node.dependsOn.some((d) => inGraph.has(d))) inGraph.add(node.id);
        inGraph.delete(extract.id);
        const id = batch.submitted.slice(before).find((j) => j.input.jobName === `${graph.runId}--${extract.id}`)!.id;
        expect([...downstreamOf(id)].sort()).toEqual([...inGraph].map((n) => `${graph.runId}--${n}`).sort());
      }
    }
  });
});

describe('launchOnBatch: idempotent launch', () => {
  it('a second launcher for the run while the first may be alive submits nothing and reports who holds it', async () => {
    const graph = graphFor('hourly');
    await launchOnBatch(graph, hourly, deps('launcher-1'));
    const second = await launchOnBatch(graph, hourly, deps('launcher-2', new Date(at.getTime() + 60_000)));
    expect(second).toEqual({ outcome: 'held', by: { holder: 'launcher-1', claimedAt: at.toISOString() } });
    expect(batch.requests()).toHaveLength(graph.nodes.length);
  });

  it('a launcher that died part-way is completed by its retry: only the missing jobs, wired to the ones there', async () => {
    const graph = graphFor('hourly');
    let calls = 0;
    batch.beforeSubmit = () => {
      if (++calls === graph.nodes.length) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    };
    await expect(launchOnBatch(graph, hourly, deps('job-launcher-1'))).rejects.toThrow(/socket hang up/);
    const before = batch.requests().length;
    expect(before).toBe(graph.nodes.length - 1);
    batch.beforeSubmit = () => undefined;
    const retry = await launchOnBatch(graph, hourly, deps('job-launcher-1', new Date(at.getTime() + 30_000)));
    expect(retry).toMatchObject({ outcome: 'launched', submitted: [`${graph.runId}--${graph.nodes.at(-1)!.id}`] });
    const last = batch.requests().at(-1)!;
    const ids = idsByName();
    expect(last.dependsOn).toEqual(graph.nodes.at(-1)!.dependsOn.map((dep) => ({ jobId: ids.get(`${graph.runId}--${dep}`) })));
    expect(new Set(batch.requests().map((r) => r.jobName)).size).toBe(graph.nodes.length);
  });

  it('a claim older than the launcher timeout is taken over by the next launcher, which submits only what is missing', async () => {
    const graph = graphFor('hourly');
    batch.beforeSubmit = () => {
      throw new Error('killed');
    };
    await expect(launchOnBatch(graph, hourly, deps('launcher-1'))).rejects.toThrow('killed');
    batch.beforeSubmit = () => undefined;
    expect(await launchOnBatch(graph, hourly, deps('launcher-2', new Date(at.getTime() + 299_000)))).toMatchObject({ outcome: 'held' });
    const late = await launchOnBatch(graph, hourly, deps('launcher-2', new Date(at.getTime() + 300_000)));
    expect(late).toMatchObject({ outcome: 'launched', kept: [] });
    expect(batch.requests()).toHaveLength(graph.nodes.length);
  });

  it('starting the launcher again for an hour reruns what FAILED, on top of what succeeded', async () => {
    const graph = graphFor('hourly');
    await launchOnBatch(graph, hourly, deps('launcher-1'));
    const [first, ...rest] = graph.nodes;
    batch.byName(`${graph.runId}--${first.id}`).status = 'SUCCEEDED';
    for (const node of rest) batch.byName(`${graph.runId}--${node.id}`).status = 'FAILED';
    const rerun = await launchOnBatch(graph, hourly, deps('operator', new Date(at.getTime() + 3_600_000)));
    expect(rerun).toMatchObject({ outcome: 'launched', kept: [`${graph.runId}--${first.id}`] });
    const resubmitted = batch.requests().slice(graph.nodes.length);
    expect(resubmitted.map((r) => r.jobName)).toEqual(rest.map((n) => `${graph.runId}--${n.id}`));
    const firstId = batch.byName(`${graph.runId}--${first.id}`).id;
    expect(resubmitted[0].dependsOn).toEqual(rest[0].dependsOn.map(() => ({ jobId: firstId })));
  });

  it('two launchers racing to take over a stale claim submit only the missing jobs, once', async () => {
    for (let round = 0; round < 10; round++) {
      const graph = { ...graphFor('hourly'), runId: `hourly-stale-race-${round}` };
      let calls = 0;
      batch.beforeSubmit = () => {
        if (++calls === 3) throw new Error('killed');
      };
      await expect(launchOnBatch(graph, hourly, deps('launcher-dead'))).rejects.toThrow('killed');
      batch.beforeSubmit = () => undefined;
      const late = new Date(at.getTime() + 300_000);
      const results = await Promise.all([launchOnBatch(graph, hourly, deps('launcher-a', late)), launchOnBatch(graph, hourly, deps('launcher-b', late))]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['held', 'launched']);
      const names = batch.requests().filter((r) => r.jobName?.startsWith(`${graph.runId}--`)).map((r) => r.jobName);
      expect(names).toHaveLength(graph.nodes.length);
      expect(new Set(names).size).toBe(graph.nodes.length);
    }
  });

  it('two launchers racing for one run submit one graph', async () => {
    for (let round = 0; round < 15; round++) {
      const graph = { ...graphFor('hourly'), runId: `hourly-race-${round}` };
      const before = batch.requests().length;
      const results = await Promise.all([launchOnBatch(graph, hourly, deps('launcher-a')), launchOnBatch(graph, hourly, deps('launcher-b'))]);
      expect(results.map((r) => r.outcome).sort()).toEqual(['held', 'launched']);
      const names = batch.requests().slice(before).map((r) => r.jobName);
      expect(names).toHaveLength(graph.nodes.length);
      expect(new Set(names).size).toBe(graph.nodes.length);
    }
  });
});

/** Names of every job that waits, directly or not, on the job with this id. */
function downstreamOf(jobId: string): Set<string> {
  const found = new Set<string>();
  const ids = new Set([jobId]);
  for (const job of batch.submitted) {
    if (job.input.dependsOn?.some((d) => ids.has(d.jobId!))) {
      found.add(job.input.jobName!);
      ids.add(job.id);
    }
  }
  return found;
}
