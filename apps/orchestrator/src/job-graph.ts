import { topologicalOrder as orderTopologically, type RunMode } from '@northstar/core';
import { domainJobs, sourceRegistry, sourcesIn, type SourceDeclaration } from '@northstar/contracts';

/** The orchestrator runs as a job of a graph only on Batch, as the nightly's repair step (batch-nightly-repair.ts). */
export type AppName = 'extract-orders-db' | 'extract-stripe' | 'extract-zendesk' | 'extract-partner-files' | 'load' | 'quality' | 'orchestrator';

/** One job: an app with its arguments, run after every job it depends on has succeeded. */
export interface JobNode {
  readonly id: string;
  readonly app: AppName;
  readonly args: readonly string[];
  readonly dependsOn: readonly string[];
}

/** A plan as plain data: the local executor and the AWS Batch submitter both consume it. */
export interface JobGraph {
  readonly mode: RunMode;
  readonly runId: string;
  readonly scheduledAt: string;
  readonly nodes: readonly JobNode[];
}

export interface GraphParameters {
  readonly mode: RunMode;
  readonly runId: string;
  readonly scheduledAt: Date;
  readonly window?: { readonly start: Date; readonly end: Date };
}

const appNames: readonly AppName[] = ['extract-orders-db', 'extract-stripe', 'extract-zendesk', 'extract-partner-files', 'load', 'quality'];

/**
 * From the source registry: per source, extract -> load (`load --source`:
 * raw, then the models reading it alone); per curated domain fed by several
 * sources, `load --domain` after only those sources' loads. A failed source
 * stops only what reads it; quality runs after every load.
 */
export function buildGraph(params: GraphParameters, registry: readonly SourceDeclaration[] = sourceRegistry): JobGraph {
  const shared = [
    '--mode', params.mode,
    '--run-id', params.runId,
    '--at', params.scheduledAt.toISOString(),
    ...(params.window ? ['--start', params.window.start.toISOString(), '--end', params.window.end.toISOString()] : []),
  ];
  const running = sourcesIn(params.mode === 'nightly' ? 'nightly-key-sets' : 'hourly', registry);
  const loadOf = new Map(running.map((source) => [source.name as string, `load-${kebab(source.name)}`]));
  const sourceNodes = running.flatMap((source): JobNode[] => [
    { id: `extract-${kebab(source.name)}`, app: extractorApp(source), args: shared, dependsOn: [] },
    { id: `load-${kebab(source.name)}`, app: 'load', args: [...shared, '--source', source.name], dependsOn: [`extract-${kebab(source.name)}`] },
    // A leaf: its exit 3 marks the source's chain without holding back quality or the good data.
    ...(source.afterLoadReport ? [{ id: `report-${kebab(source.name)}`, app: extractorApp(source), args: [...shared, ...source.afterLoadReport], dependsOn: [`load-${kebab(source.name)}`] }] : []),
  ]);
  const domainNodes = domainJobs(registry)
    .map((domain) => ({ domain, loads: domain.sources.flatMap((s) => loadOf.get(s) ?? []) }))
    .filter(({ loads }) => loads.length > 0)
    .map(({ domain, loads }): JobNode => ({ id: `models-${kebab(domain.name)}`, app: 'load', args: [...shared, '--domain', domain.name], dependsOn: loads }));
  const nodes = [...sourceNodes, ...domainNodes];
  nodes.push({ id: 'quality', app: 'quality', args: shared, dependsOn: nodes.filter((n) => n.app === 'load').map((n) => n.id) });
  // Nightly, beside the chains: Snowflake's access history since the last audit into ops.access_audit; no load feeds it.
  if (params.mode === 'nightly') nodes.push({ id: 'audit-access', app: 'quality', args: [...shared, '--audit-access'], dependsOn: [] });
  return { mode: params.mode, runId: params.runId, scheduledAt: params.scheduledAt.toISOString(), nodes: topologicalOrder(nodes) };
}

/** Jobs in an order where each comes after what it depends on; a cycle or an unknown dependency is an error. */
export function topologicalOrder(nodes: readonly JobNode[]): JobNode[] {
  return orderTopologically(nodes, {
    id: (node) => node.id,
    dependsOn: (node) => node.dependsOn,
    unknown: (node, dependency) => new Error(`job ${node.id} depends on unknown job ${dependency}`),
    cycle: (trail) => new Error(`job graph cycle: ${trail.join(' -> ')}`),
  });
}

function extractorApp(source: SourceDeclaration): AppName {
  const app = appNames.find((name) => name === source.app && name.startsWith('extract-'));
  if (!app) throw new Error(`source ${source.name}: its app "${source.app}" is not an extractor the orchestrator knows (${appNames.filter((n) => n.startsWith('extract-')).join(', ')})`);
  return app;
}

function kebab(name: string): string {
  return name.replace(/_/g, '-');
}
