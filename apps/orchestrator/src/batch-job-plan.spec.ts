import { deriveRunId } from '@northstar/core';
import { planBatchJobs, runJobPrefix } from './batch-job-plan';
import { buildGraph, type JobGraph, type JobNode } from './job-graph';

const options = { queue: 'hourly', definitionPrefix: 'northstar-', backfillTimeoutSeconds: 14_400 };
const node = (id: string, dependsOn: string[] = [], args: string[] = []): JobNode => ({ id, app: 'load', args: ['--mode', 'hourly', ...args], dependsOn });
const graphOf = (nodes: JobNode[]): JobGraph => ({ mode: 'hourly', runId: 'hourly-2026120509', scheduledAt: '2026-12-05T09:00:00.000Z', nodes });

describe('planBatchJobs', () => {
  it("names jobs after the run and the node with Batch's characters only, and tags them with the run id", () => {
    const [job] = planBatchJobs({ ...graphOf([node('load:orders.db')]), runId: 'backfill-20260801T000000000-20260802T000000000' }, options);
    expect(job.name).toBe('backfill-20260801T000000000-20260802T000000000--load_orders_db');
    expect(job.name).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
    expect(job.tags['northstar:run-id']).toBe('backfill-20260801T000000000-20260802T000000000');
    expect(runJobPrefix('a.b')).toBe('a_b--');
  });

  it("gives each job its node's arguments, its app's job definition and the run's parameters", () => {
    const graph = buildGraph({ mode: 'hourly', runId: deriveRunId('hourly', new Date('2026-12-05T09:00:00Z')), scheduledAt: new Date('2026-12-05T09:00:00Z') });
    const plan = planBatchJobs(graph, options);
    expect(plan.map((j) => j.key)).toEqual(graph.nodes.map((n) => n.id));
    for (const [i, job] of plan.entries()) {
      expect(job.command).toEqual(graph.nodes[i].args);
      expect(job.definition).toBe(`northstar-${graph.nodes[i].app}`);
      expect(job.parameters).toEqual({ mode: 'hourly', run_id: graph.runId, at: '2026-12-05T09:00:00.000Z' });
      expect(job.timeoutSeconds).toBeUndefined();
    }
  });

  it('a sharded node is an array job; a sharded node after one of the same size waits child by child', () => {
    const plan = planBatchJobs(graphOf([
      node('extract', [], ['--shard-count', '8']),
      node('convert', ['extract'], ['--shard-count=8']),
      node('other-size', ['extract'], ['--shard-count', '4']),
      node('load', ['convert', 'other-size']),
      node('one-shard', [], ['--shard-count', '1']),
    ]), options);
    const byKey = Object.fromEntries(plan.map((j) => [j.key, j]));
    expect([byKey['extract'].arraySize, byKey['convert'].arraySize, byKey['other-size'].arraySize]).toEqual([8, 8, 4]);
    expect(byKey['convert'].dependsOn).toEqual([{ key: 'extract', type: 'N_TO_N' }]);
    expect(byKey['other-size'].dependsOn).toEqual([{ key: 'extract' }]);
    expect(byKey['load'].dependsOn).toEqual([{ key: 'convert' }, { key: 'other-size' }]);
    expect(byKey['load'].arraySize).toBeUndefined();
    expect(byKey['one-shard'].arraySize).toBeUndefined();
  });

  it('refuses a shard count Batch cannot run as an array', () => {
    expect(() => planBatchJobs(graphOf([node('extract', [], ['--shard-count', '10001'])]), options)).toThrow(/1 to 10000 shards/);
  });

  it('a node waiting on more than 20 jobs waits on barriers of at most 20, and barriers on barriers beyond 400', () => {
    const sources = Array.from({ length: 45 }, (_, i) => node(`src-${i}`));
    const plan = planBatchJobs(graphOf([...sources, node('quality', sources.map((s) => s.id))]), options);
    const barriers = plan.filter((j) => j.definition === 'northstar-barrier');
    expect(barriers.map((b) => b.dependsOn.length)).toEqual([20, 20, 5]);
    expect(plan.at(-1)?.dependsOn).toEqual(barriers.map((b) => ({ key: b.key })));
    expect(plan.every((j) => j.dependsOn.length <= 20)).toBe(true);

    const many = Array.from({ length: 401 }, (_, i) => node(`s-${i}`));
    const deep = planBatchJobs(graphOf([...many, node('quality', many.map((s) => s.id))]), options);
    expect(deep.every((j) => j.dependsOn.length <= 20)).toBe(true);
    expect(deep.filter((j) => j.definition === 'northstar-barrier')).toHaveLength(21 + 2);
    expect(reachable(deep, 'quality')).toEqual(new Set(many.map((s) => s.id)));
  });

  it('backfills carry their window as parameters and run under the longer timeout', () => {
    const window = { start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-10-30T00:00:00Z') };
    const graph = buildGraph({ mode: 'backfill', runId: deriveRunId('backfill', window.start, window), scheduledAt: window.start, window });
    const plan = planBatchJobs(graph, { ...options, queue: 'backfill' });
    for (const job of plan) {
      expect(job.parameters).toMatchObject({ mode: 'backfill', start: '2026-08-01T00:00:00.000Z', end: '2026-10-30T00:00:00.000Z' });
      expect(job.timeoutSeconds).toBe(14_400);
    }
  });

  it("a backfill's jobs run on the backfill warehouse; an hourly run's keep their definitions' warehouse", () => {
    const backfillEnvironment = { SNOWFLAKE_WAREHOUSE: 'NORTHSTAR_PROD_BACKFILL' };
    const window = { start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-08-03T00:00:00Z') };
    const backfill = planBatchJobs(buildGraph({ mode: 'backfill', runId: deriveRunId('backfill', window.start, window), scheduledAt: window.start, window }), { ...options, queue: 'backfill', backfillEnvironment });
    expect(backfill.length).toBeGreaterThan(0);
    for (const job of backfill) expect(job.environment).toEqual({ SNOWFLAKE_WAREHOUSE: 'NORTHSTAR_PROD_BACKFILL', NORTHSTAR_PIPELINE_STEP: job.key });
    const hourly = planBatchJobs(buildGraph({ mode: 'hourly', runId: 'hourly-2026120509', scheduledAt: new Date('2026-12-05T09:00:00Z') }), { ...options, backfillEnvironment });
    for (const job of hourly) expect(job.environment).toEqual({ NORTHSTAR_PIPELINE_STEP: job.key });
  });

  it('refuses a graph out of dependency order', () => {
    expect(() => planBatchJobs(graphOf([node('load', ['extract']), node('extract')]), options)).toThrow(/not in dependency order/);
  });
});

/** The graph nodes (not barriers) a job waits on, directly or through barriers. */
function reachable(plan: ReturnType<typeof planBatchJobs>, key: string): Set<string> {
  const byKey = new Map(plan.map((j) => [j.key, j]));
  const found = new Set<string>();
  const visit = (k: string) => {
    for (const dep of byKey.get(k)?.dependsOn ?? []) {
      if (byKey.get(dep.key)?.definition === 'northstar-barrier') visit(dep.key);
      else found.add(dep.key);
    }
  };
  visit(key);
  return found;
}
