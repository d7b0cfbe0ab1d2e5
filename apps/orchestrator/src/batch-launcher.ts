import type { Logger } from '@northstar/core';
import type { BatchJobs, ExistingBatchJob } from '@northstar/batch';
import type { ObjectStore } from '@northstar/object-store';
import { claimLaunch, type LaunchClaim } from './batch-launch-claim';
import { planBatchJobs, runJobPrefix, type BatchPlanOptions, type PlannedBatchJob } from './batch-job-plan';
import type { JobGraph } from './job-graph';

export interface BatchLaunchDeps {
  readonly jobs: BatchJobs;
  /** The raw zone: the launch claim lives there. */
  readonly store: ObjectStore;
  /** AWS_BATCH_JOB_ID when running on Batch: the same for each attempt of this launcher. */
  readonly launcherId: string;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** The launcher job's own timeout: a claim older than this has no live launcher. */
  readonly staleAfterMs: number;
}

export type BatchLaunchResult =
  | { readonly outcome: 'held'; readonly by: LaunchClaim }
  | { readonly outcome: 'launched'; readonly submitted: readonly string[]; readonly kept: readonly string[] };

/**
 * Submits the run's graph to AWS Batch and returns; Batch runs it. Safe to
 * run twice: the claim lets one launcher through, and a launcher that
 * completes a run another started submits only the jobs that are missing
 * (or FAILED: starting the launcher again for an hour reruns what failed),
 * wired to the jobs already there.
 */
export async function launchOnBatch(graph: JobGraph, options: BatchPlanOptions, deps: BatchLaunchDeps): Promise<BatchLaunchResult> {
  const plan = planBatchJobs(graph, options);
  const claim = await claimLaunch(deps.store, graph.runId, { holder: deps.launcherId, now: deps.clock(), staleAfterMs: deps.staleAfterMs });
  if (claim.kind === 'held') {
    deps.logger.info({ claim: claim.key, holder: claim.by.holder, claimedAt: claim.by.claimedAt }, 'another launcher holds this run; leaving it to that one');
    return { outcome: 'held', by: claim.by };
  }
  const existing = await deps.jobs.listByNamePrefix(options.queue, runJobPrefix(graph.runId));
  const ids = keptJobs(plan, existing);
  const submitted: string[] = [];
  for (const job of plan) {
    if (ids.has(job.key)) continue;
    const dependsOn = job.dependsOn.map((d) => ({ jobId: idOf(ids, d.key, job), ...(d.type ? { type: d.type } : {}) }));
    const id = await deps.jobs.submit({ ...job, queue: options.queue, dependsOn });
    ids.set(job.key, id);
    submitted.push(job.name);
    // A job that was kept had its dependents kept too unless they failed; a
    // resubmitted job's dependents must wait on the new one, so they go too.
    for (const later of plan) if (later.dependsOn.some((d) => d.key === job.key)) ids.delete(later.key);
  }
  const kept = plan.filter((job) => !submitted.includes(job.name)).map((job) => job.name);
  deps.logger.info({ submitted: submitted.length, kept: kept.length, resumed: claim.resumed }, `run ${graph.runId}: ${submitted.length} jobs submitted, ${kept.length} already there`);
  return { outcome: 'launched', submitted, kept };
}

/** Planned jobs already in Batch and not FAILED (the newest job of each name counts), by key. */
function keptJobs(plan: readonly PlannedBatchJob[], existing: readonly ExistingBatchJob[]): Map<string, string> {
  const newest = new Map<string, ExistingBatchJob>();
  for (const job of existing) {
    const name = job.name.toLowerCase();
    const seen = newest.get(name);
    if (!seen || job.createdAt > seen.createdAt) newest.set(name, job);
  }
  const ids = new Map<string, string>();
  for (const job of plan) {
    const found = newest.get(job.name.toLowerCase());
    if (found && found.status !== 'FAILED') ids.set(job.key, found.id);
  }
  return ids;
}

function idOf(ids: ReadonlyMap<string, string>, key: string, job: PlannedBatchJob): string {
  const id = ids.get(key);
  if (!id) throw new Error(`job ${job.key} depends on ${key}, which has no Batch job id`);
  return id;
}
