import { ConfigError, deriveRunId } from '@northstar/core';
import { sourceRegistry } from '@northstar/contracts';
import { graphOfSources } from './batch-launch-run';
import { buildGraph } from './job-graph';

const at = new Date('2026-08-01T00:00:00Z');
const window = { start: at, end: new Date('2026-10-30T00:00:00Z') };
const run = { mode: 'backfill' as const, scheduledAt: at, window, runId: deriveRunId('backfill', at, window) };

describe('graphOfSources', () => {
  it('is the whole graph without --sources', () => {
    expect(graphOfSources(run, undefined)).toEqual(buildGraph(run));
  });

  it("is the named sources' chains and what reads them", () => {
    const name = sourceRegistry[0].name;
    const graph = graphOfSources(run, ` ${name} `);
    expect(graph.nodes.some((n) => n.args.includes(name))).toBe(true);
    expect(graph.nodes.map((n) => n.id)).toContain('quality');
    for (const other of sourceRegistry.slice(1)) expect(graph.nodes.some((n) => n.args.includes(other.name))).toBe(false);
  });

  it('refuses an unknown or empty source list with exit 2', () => {
    expect(() => graphOfSources(run, 'orders_db,nope')).toThrow(ConfigError);
    expect(() => graphOfSources(run, 'orders_db,nope')).toThrow(/--sources: no registered source "nope"/);
    expect(() => graphOfSources(run, ' , ')).toThrow(/--sources: expected one or more/);
  });
});
