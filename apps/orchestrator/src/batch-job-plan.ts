import { ConfigError } from '@northstar/core';
import { arraySizeLimits, jobNamePattern, maxDependencies, type BatchDependencyType } from '@northstar/batch';
import type { JobGraph, JobNode } from './job-graph';

export interface BatchPlanOptions {
  /** The queue every job of the run goes to (the launcher's own: hourly or backfill). */
  readonly queue: string;
  /** Job definitions are named <prefix><app>, and <prefix>barrier. */
  readonly definitionPrefix: string;
  /** Replaces the job definitions' timeouts (sized for an hour's share) in backfills. */
  readonly backfillTimeoutSeconds?: number;
  /** Variables every job of a backfill gets beside its definition's: the backfill warehouse, so hourly loads keep theirs. */
  readonly backfillEnvironment?: Readonly<Record<string, string>>;
}

/** One job to submit; dependencies name other planned jobs by key. */
export interface PlannedBatchJob {
  /** The graph node's id, or a barrier's. */
  readonly key: string;
  readonly name: string;
  readonly definition: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly arraySize?: number;
  readonly dependsOn: ReadonlyArray<{ readonly key: string; readonly type?: BatchDependencyType }>;
  readonly tags: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
}

/** Set on each job of a run graph: the graph node it is, so the job records its own ops.pipeline_runs row (batch-job-step.ts). */
export const PIPELINE_STEP_VARIABLE = 'NORTHSTAR_PIPELINE_STEP';

/** Batch job names of a run start with this (ListJobs finds them by it). */
export function runJobPrefix(runId: string): string {
  return `${runId.replace(/[^A-Za-z0-9_-]/g, '_')}--`;
}

/**
 * The run's graph as SubmitJob requests, upstream first: each node runs its
 * own arguments in its app's job definition; a node with `--shard-count N`
 * (N >= 2) is an array job of N, and a sharded node after another of the same
 * size waits child by child (N_TO_N). A node waiting on more than 20 jobs
 * waits on no-op barrier jobs that wait on them.
 */
export function planBatchJobs(graph: JobGraph, options: BatchPlanOptions): PlannedBatchJob[] {
  const prefix = runJobPrefix(graph.runId);
  const sizes = new Map(graph.nodes.map((node) => [node.id, shardCountOf(node)]));
  const planned: PlannedBatchJob[] = [];
  const base = (key: string) => ({
    key,
    name: jobName(prefix, key),
    tags: { 'northstar:run-id': graph.runId, 'northstar:mode': graph.mode, 'northstar:job': key },
    timeoutSeconds: graph.mode === 'backfill' ? options.backfillTimeoutSeconds : undefined,
  });
  for (const node of graph.nodes) {
    for (const dep of node.dependsOn) {
      if (!planned.some((p) => p.key === dep)) throw new Error(`job ${node.id} comes before ${dep}, which it depends on: the graph is not in dependency order`);
    }
    const size = sizes.get(node.id);
    const deps = node.dependsOn.map((dep) => (size !== undefined && sizes.get(dep) === size ? { key: dep, type: 'N_TO_N' as const } : { key: dep }));
    const { dependsOn, barriers } = fanIn(node.id, deps);
    for (const barrier of barriers) planned.push({ ...base(barrier.key), definition: `${options.definitionPrefix}barrier`, parameters: {}, dependsOn: barrier.dependsOn });
    planned.push({
      ...base(node.id),
      // The orchestrator as a job (the nightly's repair) waits on backfills it submits: an hour's share is too short.
      ...(node.app === 'orchestrator' ? { timeoutSeconds: options.backfillTimeoutSeconds } : {}),
      definition: `${options.definitionPrefix}${node.app}`,
      parameters: parametersOf(graph, node),
      command: node.args,
      environment: { ...(graph.mode === 'backfill' ? options.backfillEnvironment : {}), [PIPELINE_STEP_VARIABLE]: node.id },
      ...(size !== undefined ? { arraySize: size } : {}),
      dependsOn,
    });
  }
  return planned;
}

type Dependency = PlannedBatchJob['dependsOn'][number];

/** At most 20 dependencies per job: more are grouped under barriers (and barriers under barriers). */
function fanIn(key: string, deps: readonly Dependency[]): { dependsOn: Dependency[]; barriers: Array<{ key: string; dependsOn: Dependency[] }> } {
  const barriers: Array<{ key: string; dependsOn: Dependency[] }> = [];
  let level = [...deps];
  while (level.length > maxDependencies) {
    const next: Dependency[] = [];
    for (let i = 0; i < level.length; i += maxDependencies) {
      const barrier = { key: `${key}-barrier-${barriers.length + 1}`, dependsOn: level.slice(i, i + maxDependencies).map(({ key: k }) => ({ key: k })) };
      barriers.push(barrier);
      next.push({ key: barrier.key });
    }
    level = next;
  }
  return { dependsOn: level, barriers };
}

/** Mode, run id, scheduled time and window, as the job definitions' Ref:: parameters name them. */
function parametersOf(graph: JobGraph, node: JobNode): Record<string, string> {
  const start = flagValue(node, '--start');
  const end = flagValue(node, '--end');
  // A backfill's day chunks run under their own run ids inside the backfill's graph (chunkedBackfillGraph).
  return { mode: graph.mode, run_id: flagValue(node, '--run-id') ?? graph.runId, at: flagValue(node, '--at') ?? graph.scheduledAt, ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

function shardCountOf(node: JobNode): number | undefined {
  const value = flagValue(node, '--shard-count');
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > arraySizeLimits.max) {
    throw new ConfigError(`job ${node.id}: --shard-count ${value} cannot be an AWS Batch array (1 to ${arraySizeLimits.max} shards)`);
  }
  // An array job has 2-10,000 children: one shard runs as a plain job.
  return count >= arraySizeLimits.min ? count : undefined;
}

function flagValue(node: JobNode, flag: string): string | undefined {
  return argValue(node.args, flag);
}

/** The value of `--flag v` or `--flag=v` in an argument list. */
export function argValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i !== -1) return args[i + 1];
  return args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

function jobName(prefix: string, key: string): string {
  const name = `${prefix}${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!jobNamePattern.test(name)) throw new ConfigError(`AWS Batch job name "${name}" is longer than 128 characters: shorten the run id or job id`);
  return name;
}
