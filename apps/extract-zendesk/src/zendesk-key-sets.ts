import type { RunParameters } from '@northstar/core';
import { extractNightlyKeySets, type ExtractionDeps, type ExtractionResult, type RecordStream, type SourceRecord } from '@northstar/extract';

/** A ticket the export still sends, deleted: staging flags it (deleted-when), so it is not in the source's set. */
const isDeletedTicket = (record: SourceRecord): boolean => record['status'] === 'deleted';

/**
 * Nightly mode: each stream (read as a window from its source's lookback,
 * not from the saved cursor) into its key set and per-day digests. The
 * export sends every record changed since the window's start, older ones
 * too; the set keeps those created in it.
 */
export async function extractZendeskKeySets(run: RunParameters, streams: readonly RecordStream[], deps: ExtractionDeps): Promise<ExtractionResult[]> {
  const results: ExtractionResult[] = [];
  for (const stream of streams) results.push(...(await extractNightlyKeySets(run, stream, deps, { isDeleted: isDeletedTicket })));
  return results;
}
