import { ExitCode, exitCodeFor, type TimeWindow } from '@northstar/core';
import { openWarehouse } from '@northstar/warehouse';
import { planBackfill } from './backfill-plan';
import { BackfillProgress, type ProgressOutput } from './backfill-progress';
import { readChunkState, runBackfill, type BackfillOutcome } from './backfill-runner';
import { runPipeline, type PipelineDeps } from './run-pipeline';

/**
 * `npm run pipeline -- backfill --start <day> --end <day>`: the window as day
 * chunks, each run locally as a pipeline run of its own. The warehouse is
 * opened only to read a chunk's state: the embedded DuckDB file admits one
 * writer, and the chunk's jobs need it.
 */
export async function backfillLocally(window: TimeWindow, deps: PipelineDeps, out: ProgressOutput): Promise<BackfillOutcome[]> {
  const chunks = planBackfill(window);
  deps.logger.info({ chunks: chunks.length, start: window.start.toISOString(), end: window.end.toISOString() }, 'backfill planned');
  return runBackfill(chunks, {
    chunkState: async (runId) => {
      const warehouse = await openWarehouse(deps.config.warehouse, deps.logger);
      try {
        return await readChunkState(warehouse, runId);
      } finally {
        await warehouse.close();
      }
    },
    runChunk: async (run) => {
      // The orchestrator's own warehouse access (the run log between jobs) can meet the held file too: a chunk result, retried, not the backfill's end.
      const result = await runPipeline(run, deps).catch((error: unknown) => {
        if (exitCodeFor(error) !== ExitCode.transient) throw error;
        return { succeeded: false, outcomes: [{ id: 'orchestrator', status: 'failed' as const, exitCode: ExitCode.transient, seconds: 0, message: (error as Error).message }] };
      });
      const failed = result.outcomes.find((o) => o.status === 'failed');
      return { succeeded: result.succeeded, ...(failed ? { exitCode: failed.exitCode, message: `job ${failed.id}: ${failed.message ?? ''}` } : {}) };
    },
    progress: new BackfillProgress(chunks.length, out, deps.logger, deps.clock),
    // Locally an hourly run beside the backfill holds the DuckDB file between the backfill's jobs: a job meeting it exits 75.
    transientRetries: { attempts: 10, delayMs: 10_000, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) },
    logger: deps.logger,
  });
}
