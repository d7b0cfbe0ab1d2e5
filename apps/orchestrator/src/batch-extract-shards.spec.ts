import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, deriveRunId, silentLogger, type RunMode } from '@northstar/core';
import { SimulatedBatch } from '@northstar/batch/testing';
import { LocalObjectStore } from '@northstar/object-store';
import { parseExtractShards, withExtractShards } from './batch-extract-shards';
import { launchOnBatch } from './batch-launcher';
import { chunkedBackfillGraph } from './backfill-plan';
import { buildGraph } from './job-graph';

// terraform/sizing.json as `npm run capacity` wrote it, and NORTHSTAR_EXTRACT_SHARDS
// as terraform/modules/batch (local.extract_shards) derives it from it for the launcher.
const sizing = JSON.parse(readFileSync(path.resolve(__dirname, '../../../terraform/sizing.json'), 'utf8')) as { jobs: Record<string, { shards: number }> };
const extractShardsVariable = Object.entries(sizing.jobs)
  .filter(([app, job]) => app.startsWith('extract-') && job.shards > 1)
  .map(([app, job]) => `${app}=${job.shards}`)
  .join(',');
const ordersShards = sizing.jobs['extract-orders-db'].shards;
const at = new Date('2026-12-05T09:00:00Z');
const graphFor = (mode: RunMode) => buildGraph({ mode, runId: deriveRunId(mode, at), scheduledAt: at });

describe('extract shards from the capacity figures to the Batch array', () => {
  let dir: string;
  let batch: SimulatedBatch;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'extract-shards-'));
    batch = new SimulatedBatch();
  });
  afterEach(async () => {
    batch.restore();
    await rm(dir, { recursive: true, force: true });
  });

  it("an hourly run submits the orders extract as an array job of sizing.json's shards, each child told the count (its index is AWS_BATCH_JOB_ARRAY_INDEX)", async () => {
    expect(ordersShards).toBeGreaterThan(1);
    const graph = withExtractShards(graphFor('hourly'), parseExtractShards(extractShardsVariable));
    await launchOnBatch(graph, { queue: 'hourly', definitionPrefix: 'northstar-' }, {
      jobs: batch.jobs, store: new LocalObjectStore(dir), launcherId: 'launcher-1', clock: () => at, logger: silentLogger(), staleAfterMs: 300_000,
    });
    const extract = batch.byName(`${graph.runId}--extract-orders-db`).input;
    expect(extract.arrayProperties).toEqual({ size: ordersShards });
    expect(extract.containerOverrides?.command?.slice(-2)).toEqual(['--shard-count', String(ordersShards)]);
    expect(extract.containerOverrides?.command).not.toContain('--shard-index');
    // The load waits for every shard (the whole array), not child by child.
    const load = batch.byName(`${graph.runId}--load-orders-db`).input;
    expect(load.arrayProperties).toBeUndefined();
    expect(load.dependsOn).toEqual([{ jobId: batch.byName(`${graph.runId}--extract-orders-db`).id }]);
  });

  it("a backfill's day chunks are sharded alike; the nightly run and the other apps are left whole", () => {
    const shards = parseExtractShards(extractShardsVariable);
    const window = { start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-08-04T00:00:00Z') };
    const run = { mode: 'backfill' as const, scheduledAt: window.start, window, runId: deriveRunId('backfill', window.start, window) };
    const backfill = withExtractShards(chunkedBackfillGraph(run, (chunk) => buildGraph(chunk)), shards);
    for (const [app, count] of shards) {
      const [reports, extracts] = [backfill.nodes.filter((n) => n.app === app && n.id.includes('-report-')), backfill.nodes.filter((n) => n.app === app && n.id.includes('-extract-'))];
      expect(extracts.length).toBeGreaterThan(1);
      for (const node of extracts) expect(node.args.slice(-2)).toEqual(['--shard-count', String(count)]);
      // A source's after-load report (partner files' quarantine) runs once.
      for (const node of reports) expect(node.args).not.toContain('--shard-count');
    }
    expect(backfill.nodes.some((n) => n.id.endsWith('-report-partner-files'))).toBe(true);
    expect(backfill.nodes.filter((n) => !shards.has(n.app) && n.args.includes('--shard-count'))).toEqual([]);
    expect(withExtractShards(graphFor('nightly'), shards)).toEqual(graphFor('nightly'));
  });

  it('reads NORTHSTAR_EXTRACT_SHARDS strictly: absent or empty is no sharding, a bad entry exits 2 naming it', () => {
    expect(parseExtractShards(undefined).size).toBe(0);
    expect(parseExtractShards('').size).toBe(0);
    expect([...parseExtractShards(' extract-orders-db=4 , extract-partner-files=1')]).toEqual([['extract-orders-db', 4], ['extract-partner-files', 1]]);
    for (const bad of ['load=2', 'extract-orders-db=0', 'extract-orders-db=10001', 'extract-orders-db']) {
      expect(() => parseExtractShards(bad)).toThrow(ConfigError);
      expect(() => parseExtractShards(bad)).toThrow(`got "${bad}"`);
    }
  });
});
