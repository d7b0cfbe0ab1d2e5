import type { JobGraph, JobNode } from './job-graph';

export type JobStatus = 'succeeded' | 'failed' | 'skipped';

export interface JobOutcome {
  readonly id: string;
  readonly status: JobStatus;
  readonly exitCode?: number;
  readonly seconds: number;
  readonly message?: string;
  /** The job's run record (its log's Embedded Metric Format line), when it wrote one. */
  readonly runRecord?: Readonly<Record<string, unknown>>;
}

export interface LocalExecutorDeps {
  /** Runs one job to completion and returns its exit code. */
  readonly runJob: (node: JobNode) => Promise<{ exitCode: number; message?: string; runRecord?: Readonly<Record<string, unknown>> }>;
  readonly onStart?: (node: JobNode) => Promise<void>;
  readonly onFinish?: (node: JobNode, outcome: JobOutcome) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Runs the graph one job at a time in dependency order. Like AWS Batch, a
 * failed job skips everything downstream of it and nothing else.
 */
export async function executeLocally(graph: JobGraph, deps: LocalExecutorDeps): Promise<JobOutcome[]> {
  const now = deps.now ?? Date.now;
  const outcomes = new Map<string, JobOutcome>();
  for (const node of graph.nodes) {
    const blocked = node.dependsOn.find((dep) => outcomes.get(dep)?.status !== 'succeeded');
    if (blocked) {
      const outcome: JobOutcome = { id: node.id, status: 'skipped', seconds: 0, message: `upstream job ${blocked} did not succeed` };
      outcomes.set(node.id, outcome);
      await deps.onFinish?.(node, outcome);
      continue;
    }
    await deps.onStart?.(node);
    const started = now();
    const { exitCode, message, runRecord } = await deps.runJob(node);
    const outcome: JobOutcome = { id: node.id, status: exitCode === 0 ? 'succeeded' : 'failed', exitCode, seconds: (now() - started) / 1000, message, runRecord };
    outcomes.set(node.id, outcome);
    await deps.onFinish?.(node, outcome);
  }
  return [...outcomes.values()];
}
