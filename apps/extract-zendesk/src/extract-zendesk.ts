import type { RunParameters } from '@northstar/core';
import { extractRecordStream, type ExtractionResult, type RecordStream, type RecordStreamDeps } from '@northstar/extract';

/**
 * Each entity's stream into the raw zone, one after another: they share one
 * export budget, so running them side by side would only queue them on it.
 * A failed entity stops the run (its manifests committed so far stay, and
 * the rerun skips them), so the exit code is that entity's.
 */
export async function extractZendesk(run: RunParameters, streams: readonly RecordStream[], deps: RecordStreamDeps): Promise<ExtractionResult[]> {
  const results: ExtractionResult[] = [];
  for (const stream of streams) {
    const result = await extractRecordStream(stream, run, deps);
    deps.logger.info({ entity: stream.contract.entity, rows: result.manifest.rowCount, checkpoint: result.manifest.proposedCheckpoint, alreadyCommitted: result.alreadyCommitted }, 'entity extracted');
    results.push(result);
  }
  return results;
}
