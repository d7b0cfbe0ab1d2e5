import { TransientError, type Logger, type NorthstarConfig, type RunParameters } from '@northstar/core';
import type { BatchJobs } from '@northstar/batch';
import type { DayRepair } from '@northstar/models';
import { planBatchJobs, runJobPrefix, type BatchPlanOptions } from './batch-job-plan';
import type { JobGraph } from './job-graph';
import { repairDifferingDaysOf } from './nightly-repair';

/** The repair job's id in the nightly graph on Batch. */
export const REPAIR_STEP = 'repair';

/**
 * The nightly graph as Batch runs it: the local run repairs after every job
 * succeeded, so on Batch the repair is one more job (the orchestrator with
 * --repair) after all of them. Other modes are unchanged.
 */
export function withNightlyRepair(graph: JobGraph): JobGraph {
  if (graph.mode !== 'nightly') return graph;
  const args = ['--mode', 'nightly', '--run-id', graph.runId, '--at', graph.scheduledAt, '--executor', 'batch', '--repair'];
  return { ...graph, nodes: [...graph.nodes, { id: REPAIR_STEP, app: 'orchestrator', args, dependsOn: graph.nodes.map((node) => node.id) }] };
}

export interface BatchRepairDeps {
  readonly config: NorthstarConfig;
  readonly logger: Logger;
  readonly jobs: BatchJobs;
  /** Where the repair's backfills go: the repair job's own queue. */
  readonly plan: BatchPlanOptions;
  /** The graph of one day's re-read of one compared source, sharded as the launcher would. */
  readonly graphOf: (run: RunParameters, source: string) => JobGraph;
  /** Submits a graph (the launcher's launchOnBatch, with its claim). */
  readonly launch: (graph: JobGraph) => Promise<unknown>;
  readonly clock: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly pollMs: number;
  readonly timeoutMs: number;
}

/**
 * The repair step on Batch: days whose digests differ from staging are
 * re-read as backfills submitted to Batch, each waited for before the day is
 * compared again (repairDifferingDays, as the local run does).
 */
export function repairNightlyOnBatch(nightly: RunParameters, deps: BatchRepairDeps): Promise<DayRepair[]> {
  return repairDifferingDaysOf(nightly, deps, async (run, day, source) => {
    const graph = deps.graphOf(run, source);
    await deps.launch(graph);
    if ((await waitForRun(graph, deps)) !== 'succeeded') deps.logger.error({ runId: run.runId, day }, 'nightly repair: the re-extract failed on Batch; the day is compared again as it is');
  });
}

/**
 * Polls the run's jobs until each planned job's newest attempt SUCCEEDED
 * ('succeeded') or one FAILED ('failed': Batch has spent its retries);
 * a run still going at the timeout exits 75, so Batch retries the repair.
 */
export async function waitForRun(graph: JobGraph, deps: Pick<BatchRepairDeps, 'jobs' | 'plan' | 'sleep' | 'pollMs' | 'timeoutMs' | 'clock'>): Promise<'succeeded' | 'failed'> {
  const names = planBatchJobs(graph, deps.plan).map((job) => job.name.toLowerCase());
  const deadline = deps.clock().getTime() + deps.timeoutMs;
  for (;;) {
    const newest = new Map<string, string>();
    for (const job of [...(await deps.jobs.listByNamePrefix(deps.plan.queue, runJobPrefix(graph.runId)))].sort((a, b) => a.createdAt - b.createdAt)) {
      newest.set(job.name.toLowerCase(), job.status);
    }
    const statuses = names.map((name) => newest.get(name));
    if (statuses.includes('FAILED')) return 'failed';
    if (statuses.every((status) => status === 'SUCCEEDED')) return 'succeeded';
    if (deps.clock().getTime() >= deadline) throw new TransientError(`nightly repair: run ${graph.runId} did not finish within ${Math.round(deps.timeoutMs / 60_000)} minutes`);
    await deps.sleep(deps.pollMs);
  }
}
