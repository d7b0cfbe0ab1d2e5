import type { RunMode } from '@northstar/core';

export type AppName = 'extract-orders-db' | 'extract-stripe' | 'extract-zendesk' | 'extract-partner-files' | 'load' | 'quality';

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

/**
 * One chain per source (extract -> load), so an outage of one source stops
 * only its own tables; quality runs after every load.
 */
export function buildGraph(params: GraphParameters): JobGraph {
  const shared = [
    '--mode', params.mode,
    '--run-id', params.runId,
    '--at', params.scheduledAt.toISOString(),
    ...(params.window ? ['--start', params.window.start.toISOString(), '--end', params.window.end.toISOString()] : []),
  ];
  const nodes: JobNode[] = [
    { id: 'extract-orders-db', app: 'extract-orders-db', args: shared, dependsOn: [] },
    { id: 'load-orders-db', app: 'load', args: [...shared, '--source', 'orders_db'], dependsOn: ['extract-orders-db'] },
    { id: 'quality', app: 'quality', args: shared, dependsOn: ['load-orders-db'] },
  ];
  return { mode: params.mode, runId: params.runId, scheduledAt: params.scheduledAt.toISOString(), nodes: topologicalOrder(nodes) };
}

export function topologicalOrder(nodes: readonly JobNode[]): JobNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const done = new Set<string>();
  const ordered: JobNode[] = [];
  const visit = (node: JobNode, trail: readonly string[]) => {
    if (done.has(node.id)) return;
    if (trail.includes(node.id)) throw new Error(`job graph cycle: ${[...trail, node.id].join(' -> ')}`);
    for (const dep of node.dependsOn) {
      const upstream = byId.get(dep);
      if (!upstream) throw new Error(`job ${node.id} depends on unknown job ${dep}`);
      visit(upstream, [...trail, node.id]);
    }
    done.add(node.id);
    ordered.push(node);
  };
  for (const node of nodes) visit(node, []);
  return ordered;
}
