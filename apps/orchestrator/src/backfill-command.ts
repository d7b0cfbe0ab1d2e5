import { ExitCode, exitCodeFor, type RunParameters } from '@northstar/core';
import { openWarehouse } from '@northstar/warehouse';
import { chunkGraph, planBackfill, publishGraph, publishRunOf } from './backfill-plan';
import { BackfillProgress, type ProgressOutput } from './backfill-progress';
import { readChunkState, runBackfill, runChunkWithRetries, type BackfillOutcome, type ChunkRun } from './backfill-runner';
import { buildGraph } from './job-graph';
import { runPipeline, type PipelineDeps } from './run-pipeline';

export interface BackfillResult {
  readonly chunks: readonly BackfillOutcome[];
  /** The publish after the last chunk: absent when a chunk failed (nothing to publish yet). */
  readonly publish?: ChunkRun & { readonly status: 'skipped' | 'succeeded' | 'failed' };
}

/**
 * `npm run pipeline -- backfill --start <day> --end <day>`: the window as day
 * chunks, each run locally as a pipeline run of its own whose loads hold
 * their rows in raw_backfill (chunkGraph), then one publish under the
 * backfill's run id (publishGraph) that moves them to raw with the models
 * and their checks in one transaction. A publish that committed is not run
 * again; one that failed runs again on the rerun, the chunks skipped. The
 * warehouse is opened only to read a run's state: the embedded DuckDB file
 * admits one writer, and the jobs need it.
 */
export async function backfillLocally(backfill: RunParameters, deps: PipelineDeps, out: ProgressOutput): Promise<BackfillResult> {
  if (!backfill.window) throw new Error(`backfill ${backfill.runId} has no window`);
  const graphOf = deps.graphOf ?? ((run: RunParameters) => buildGraph(run));
  const chunks = planBackfill(backfill.window);
  deps.logger.info({ chunks: chunks.length, start: backfill.window.start.toISOString(), end: backfill.window.end.toISOString() }, 'backfill planned');
  const runState = async (runId: string) => {
    const warehouse = await openWarehouse(deps.config.warehouse, deps.logger);
    try {
      return await readChunkState(warehouse, runId);
    } finally {
      await warehouse.close();
    }
  };
  const runOf = (graph: typeof graphOf) => async (run: RunParameters): Promise<ChunkRun> => {
    // The orchestrator's own warehouse access (the run log between jobs) can meet the held file too: a chunk result, retried, not the backfill's end.
    const result = await runPipeline(run, { ...deps, graphOf: graph }).catch((error: unknown) => {
      if (exitCodeFor(error) !== ExitCode.transient) throw error;
      return { succeeded: false, outcomes: [{ id: 'orchestrator', status: 'failed' as const, exitCode: ExitCode.transient, seconds: 0, message: (error as Error).message }] };
    });
    const failed = result.outcomes.find((o) => o.status === 'failed');
    return { succeeded: result.succeeded, ...(failed ? { exitCode: failed.exitCode, message: `job ${failed.id}: ${failed.message ?? ''}` } : {}) };
  };
  const common = {
    // Locally an hourly run beside the backfill holds the DuckDB file between the backfill's jobs: a job meeting it exits 75.
    transientRetries: { attempts: 10, delayMs: 10_000, sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) },
    logger: deps.logger,
  };
  const outcomes = await runBackfill(chunks, {
    ...common,
    chunkState: runState,
    runChunk: runOf((chunk) => chunkGraph(graphOf(chunk))),
    progress: new BackfillProgress(chunks.length, out, deps.logger, deps.clock),
  });
  if (outcomes.some((o) => o.status === 'failed')) return { chunks: outcomes };
  const publishRun = publishRunOf(backfill);
  if ((await runState(publishRun.runId)).committed) return { chunks: outcomes, publish: { status: 'skipped', succeeded: true } };
  deps.logger.info({ runId: publishRun.runId }, 'backfill publish: every chunk is held; moving them to raw with the models and their checks in one transaction');
  const published = await runChunkWithRetries(publishRun, { ...common, runChunk: runOf((run) => publishGraph(graphOf(run))) });
  return { chunks: outcomes, publish: { ...published, status: published.succeeded ? 'succeeded' : 'failed' } };
}
