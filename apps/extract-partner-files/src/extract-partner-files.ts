import { DataContractError, type RunParameters } from '@northstar/core';
import type { PartnerFormat } from '@northstar/contracts';
import { extractRecordStream, type ExtractionResult, type RecordStreamDeps } from '@northstar/extract';
import type { Warehouse } from '@northstar/warehouse';
import { shipmentsStream } from './streams/shipments.stream';

export interface PartnerFilesDeps extends RecordStreamDeps {
  /** The ledger and the pending runs are read from it; record streams read only through a session otherwise. */
  readonly warehouse: Warehouse;
  readonly formats: readonly PartnerFormat[];
}

/**
 * One run over every partner: the files not taken before land as one run
 * (their good rows, the ledger and the rejected rows commit with its load).
 * A quarantined file fails the run with exit 3 after the others landed, so
 * the operator hears of it and the other partners' rows are not held back
 * beyond the next load.
 */
export async function extractPartnerFiles(run: RunParameters, deps: PartnerFilesDeps): Promise<ExtractionResult> {
  const stream = shipmentsStream({ ...deps, runId: run.runId });
  const result = await extractRecordStream(stream, run, deps);
  if (stream.quarantined.length > 0) {
    const files = stream.quarantined.map((q) => `partner ${q.partner}: ${q.objectKey} (quarantine id ${q.id}): ${q.reason}`);
    throw new DataContractError(
      `${files.length} partner file(s) quarantined; the run's other files are committed. Fix the file or the partner format, then \`npm run pipeline -- release-quarantine <id>\`:\n${files.join('\n')}`,
    );
  }
  return result;
}
