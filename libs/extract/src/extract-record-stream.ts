import type { RunParameters } from '@northstar/core';
import { readCheckpoint } from './checkpoint-store';
import { extractToRawZone, type ExtractionDeps, type ExtractionResult, type ReadOutcome } from './extract-to-raw-zone';
import { ReadProgress } from './read-progress';
import { RecordCsvEncoder } from './record-csv-encoder';
import { RecordFlattener } from './record-flattener';
import type { ShardSpec } from './raw-zone-layout';
import type { EncodedRecords, EncodedRecordStream, RecordStream, StreamPosition } from './record-stream';
import type { RejectedRecordEntry, SourceObjectEntry } from './run-manifest';
import { windowFor, type WindowDeps } from './window-for';

export interface RecordStreamDeps extends ExtractionDeps, WindowDeps {
  /** How often a long read logs its records and rate; default 30 s. */
  readonly progressEveryMs?: number;
  /** This job's slice of a sharded run (an array job); the stream reads only its slice, and proposes no checkpoint (see proposedCheckpointOf). */
  readonly shard?: ShardSpec;
}

const PROGRESS_EVERY_MS = 30_000;

/** Records per CSV chunk: small, so the stream is read at most this far past a part's end. */
const MAX_BATCH_RECORDS = 500;

/**
 * Extracts one record stream's window into the raw zone: window and
 * checkpoint from the warehouse, records flattened and checked against the
 * contract, encoded as CSV, then the parts -> Parquet (masked outside prod)
 * -> manifest path of the orders DB. The manifest carries the proposed
 * checkpoint and the unknown fields; the raw loader commits the checkpoint.
 */
export async function extractRecordStream(stream: RecordStream | EncodedRecordStream, run: RunParameters, deps: RecordStreamDeps): Promise<ExtractionResult> {
  const contract = stream.contract;
  const logger = deps.logger.child({ source: contract.source, entity: contract.entity });
  const window = await windowFor(contract, run, deps);
  const checkpoint = await readCheckpoint(deps.warehouse, contract);
  let proposed: string | undefined;
  const sourceObjects: SourceObjectEntry[] = [];
  const rejectedRecords: RejectedRecordEntry[] = [];
  const position: StreamPosition = {
    window, checkpoint,
    advanceTo: (next) => void (proposed = next),
    recordObject: (object) => void sourceObjects.push(object),
    reject: (rejection) => void rejectedRecords.push(rejection),
  };
  const flattener = new RecordFlattener(contract);
  const progress = new ReadProgress(logger, deps.clock, deps.progressEveryMs ?? PROGRESS_EVERY_MS);
  const batchRecords = Math.max(1, Math.min(MAX_BATCH_RECORDS, Math.ceil(deps.rowsPerPart / 8)));
  const encoder = new RecordCsvEncoder(contract, flattener, progress, batchRecords);
  logger.info({ window: { start: window.start.toISOString(), end: window.end.toISOString() }, checkpoint }, 'extracting');
  const readOutcome = (): ReadOutcome => {
    const unknown = flattener.unknownFields();
    progress.finish(unknown);
    const added = Object.keys(unknown);
    return {
      ...(added.length > 0 ? { drift: { added, unknownFieldRecords: unknown } } : {}),
      ...(proposed !== undefined ? { proposedCheckpoint: proposed } : {}),
      sourceObjects,
      rejectedRecords,
    };
  };
  return extractToRawZone(
    {
      contract,
      runId: run.runId,
      mode: run.mode,
      scheduledAt: run.scheduledAt,
      window,
      proposedWatermark: window.end,
      openCsv: () => ('readEncoded' in stream ? encodedCsv(stream.readEncoded(position), flattener, progress) : encoder.encode(stream.read(position))),
      readOutcome,
      ...(run.window ? { requestedWindow: run.window } : {}),
      ...(deps.shard ? { shard: deps.shard } : {}),
    },
    { ...deps, logger },
  );
}

/** An EncodedRecordStream's CSV as it comes, its records and unknown fields counted as the encoder counts a RecordStream's. */
async function* encodedCsv(batches: AsyncIterable<EncodedRecords>, flattener: RecordFlattener, progress: ReadProgress): AsyncGenerator<Buffer> {
  for await (const batch of batches) {
    progress.count(batch.records);
    if (batch.unknownFields) flattener.addUnknownFields(batch.unknownFields);
    yield batch.csv;
  }
}
