import type { RunParameters } from '@northstar/core';
import type { PartnerFormat } from '@northstar/contracts';
import { extractRecordStream, type ExtractionResult, type RecordStreamDeps } from '@northstar/extract';
import type { Warehouse } from '@northstar/warehouse';
import { quarantineMessage, type QuarantineNotice } from './partner-quarantine-report';
import { shipmentsStream } from './streams/shipments.stream';

export interface PartnerFilesDeps extends RecordStreamDeps {
  /** The ledger and the pending runs are read from it; record streams read only through a session otherwise. */
  readonly warehouse: Warehouse;
  readonly formats: readonly PartnerFormat[];
}

export interface PartnerFilesResult extends ExtractionResult {
  readonly quarantined: readonly QuarantineNotice[];
}

/**
 * One run over every partner: the files not taken before land as one run
 * (their good rows, the ledger and the rejected rows commit with its load).
 * A quarantined file does not fail this job: the run commits so this hour's
 * load takes the other files, and the chain's after-load report
 * (`--report-quarantine`) fails with exit 3 naming it.
 */
export async function extractPartnerFiles(run: RunParameters, deps: PartnerFilesDeps): Promise<PartnerFilesResult> {
  const stream = shipmentsStream({ ...deps, runId: run.runId });
  const result = await extractRecordStream(stream, run, deps);
  if (stream.quarantined.length > 0) deps.logger.error({ quarantined: stream.quarantined.length }, quarantineMessage(stream.quarantined));
  return { ...result, quarantined: [...stream.quarantined] };
}
