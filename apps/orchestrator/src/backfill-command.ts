import type { TimeWindow } from '@northstar/core';
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
      const result = await runPipeline(run, deps);
      const failed = result.outcomes.find((o) => o.status === 'failed');
      return { succeeded: result.succeeded, ...(failed ? { exitCode: failed.exitCode, message: `job ${failed.id}: ${failed.message ?? ''}` } : {}) };
    },
    progress: new BackfillProgress(chunks.length, out, deps.logger, deps.clock),
    logger: deps.logger,
  });
}
