import { defineSource, ordersDbSource, stripeSource, zendeskSource, type SourceDeclaration } from '@northstar/contracts';
import { buildGraph, topologicalOrder, type JobGraph, type JobNode } from './job-graph';
import { executeLocally } from './local-executor';

const scheduledAt = new Date('2026-11-29T12:00:00Z');
const hourly = { mode: 'hourly' as const, runId: 'hourly-2026112912', scheduledAt };

// Without partner files: the domains fed by several sources, and nothing else.
const registry: readonly SourceDeclaration[] = [ordersDbSource, stripeSource, zendeskSource];

const shape = (graph: JobGraph) => graph.nodes.map((n) => [n.id, n.dependsOn.join(',')]);
const node = (id: string, dependsOn: string[] = []): JobNode => ({ id, app: 'load', args: [], dependsOn });

describe('job graph', () => {
  it('gives each registered source its extract -> load chain, each multi-source domain its models job, then quality', () => {
    const graph = buildGraph(hourly);
    expect(shape(graph)).toEqual([
      ['extract-orders-db', ''], ['load-orders-db', 'extract-orders-db'],
      ['extract-partner-files', ''], ['load-partner-files', 'extract-partner-files'], ['report-partner-files', 'load-partner-files'],
      ['extract-stripe', ''], ['load-stripe', 'extract-stripe'],
      ['extract-zendesk', ''], ['load-zendesk', 'extract-zendesk'],
      ['models-payments', 'load-orders-db,load-stripe'],
      ['models-support', 'load-orders-db,load-zendesk'],
      ['quality', 'load-orders-db,load-partner-files,load-stripe,load-zendesk,models-payments,models-support'],
    ]);
    expect(graph.nodes[1].args).toEqual(['--mode', 'hourly', '--run-id', 'hourly-2026112912', '--at', '2026-11-29T12:00:00.000Z', '--source', 'orders_db']);
  });

  it('passes a backfill window to every job', () => {
    const window = { start: new Date('2026-11-01T00:00:00Z'), end: new Date('2026-11-02T00:00:00Z') };
    const graph = buildGraph({ ...hourly, mode: 'backfill', window });
    for (const job of graph.nodes) expect(job.args).toEqual(expect.arrayContaining(['--start', '2026-11-01T00:00:00.000Z', '--end', '2026-11-02T00:00:00.000Z']));
  });

  it('runs a domain read by several sources after only those sources, and a one-source domain inside its load', () => {
    const graph = buildGraph(hourly, registry);
    expect(shape(graph)).toEqual([
      ['extract-orders-db', ''], ['load-orders-db', 'extract-orders-db'],
      ['extract-stripe', ''], ['load-stripe', 'extract-stripe'],
      ['extract-zendesk', ''], ['load-zendesk', 'extract-zendesk'],
      ['models-payments', 'load-orders-db,load-stripe'],
      ['models-support', 'load-orders-db,load-zendesk'],
      ['quality', 'load-orders-db,load-stripe,load-zendesk,models-payments,models-support'],
    ]);
    expect(graph.nodes.find((n) => n.id === 'models-payments')!.args.slice(-2)).toEqual(['--domain', 'payments']);
    expect(graph.nodes.find((n) => n.id === 'models-support')!.args.slice(-2)).toEqual(['--domain', 'support']);
  });

  it('runs nightly only the sources that land key sets, and the domains reading them after those', () => {
    const graph = buildGraph({ ...hourly, mode: 'nightly', runId: 'nightly-20261129' }, registry);
    const nightly = [
      ['extract-orders-db', ''], ['load-orders-db', 'extract-orders-db'], ['extract-stripe', ''], ['load-stripe', 'extract-stripe'], ['extract-zendesk', ''], ['load-zendesk', 'extract-zendesk'],
      ['models-payments', 'load-orders-db,load-stripe'], ['models-support', 'load-orders-db,load-zendesk'], ['quality', 'load-orders-db,load-stripe,load-zendesk,models-payments,models-support'], ['audit-access', ''],
    ];
    expect(shape(graph)).toEqual(nightly);
    expect(shape(buildGraph({ ...hourly, mode: 'nightly' }))).toEqual(nightly);
    // Without the API sources' key sets, the nightly is the orders DB's alone.
    const ordersOnly = [['extract-orders-db', ''], ['load-orders-db', 'extract-orders-db'], ['models-payments', 'load-orders-db'], ['models-support', 'load-orders-db'], ['quality', 'load-orders-db,models-payments,models-support'], ['audit-access', '']];
    expect(shape(buildGraph({ ...hourly, mode: 'nightly' }, [ordersDbSource, defineSource({ ...stripeSource, modes: ['hourly'] }), defineSource({ ...zendeskSource, modes: ['hourly'] })]))).toEqual(ordersOnly);
  });

  it('a failed source stops only what reads it', async () => {
    const graph = buildGraph(hourly, registry);
    const outcomes = await executeLocally(graph, { runJob: async (job) => ({ exitCode: job.id === 'extract-stripe' ? 75 : 0 }) });
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([
      ['extract-orders-db', 'succeeded'], ['load-orders-db', 'succeeded'],
      ['extract-stripe', 'failed'], ['load-stripe', 'skipped'],
      ['extract-zendesk', 'succeeded'], ['load-zendesk', 'succeeded'],
      ['models-payments', 'skipped'], ['models-support', 'succeeded'],
      ['quality', 'skipped'],
    ]);
  });

  it('refuses a source whose app the orchestrator cannot run', () => {
    expect(() => buildGraph(hourly, [defineSource({ ...stripeSource, app: 'extract-stripe-v2' })])).toThrow('source stripe: its app "extract-stripe-v2" is not an extractor the orchestrator knows');
  });

  it('orders jobs after their dependencies, naming a cycle or an unknown job', () => {
    expect(topologicalOrder([node('b', ['a']), node('a')]).map((n) => n.id)).toEqual(['a', 'b']);
    expect(() => topologicalOrder([node('a', ['b']), node('b', ['a'])])).toThrow('job graph cycle: a -> b -> a');
    expect(() => topologicalOrder([node('a', ['nope'])])).toThrow('job a depends on unknown job nope');
  });
});
