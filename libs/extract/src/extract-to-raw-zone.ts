import { mkdtemp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { ConfigError, DataContractError, type Logger, type RunFigures, type RunMode, type TimeWindow } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { sourceSchemaFingerprint } from '@northstar/contracts';
import type { ObjectStore } from '@northstar/object-store';
import { CsvRecordError, type ParquetColumn, type ParquetWriter } from '@northstar/parquet';
import { splitCsvIntoParts, type CsvPartFile } from './csv-part-splitter';
import { manifestKey, newAttemptId, partKey, runPrefix, type ShardSpec } from './raw-zone-layout';
import { parseRunManifest, serializeRunManifest, type ManifestFile, type ManifestSnapshot, type RunManifest } from './run-manifest';

export interface ExtractionRequest {
  readonly contract: Contract;
  readonly runId: string;
  readonly mode: RunMode;
  readonly scheduledAt: Date;
  readonly window: TimeWindow;
  readonly proposedWatermark: Date;
  /** Opened only when the run has not committed already: CSV records in contract column order. */
  readonly openCsv: () => AsyncIterable<Buffer | string>;
  readonly shard?: ShardSpec;
  readonly drift?: { readonly added: readonly string[] };
  readonly snapshot?: ManifestSnapshot;
  /**
   * The instant the data is complete up to, when the source knows it better
   * than the clock at the manifest's writing (a snapshot's horizon): key sets
   * are compared with staging as of this instant. Default: the clock.
   */
  readonly extractedAt?: Date;
  /**
   * The window the operator asked for (--start/--end), when one was given.
   * A run id that already committed must have been asked for the same one:
   * otherwise the second request is a mistake (a reused --run-id, or an
   * hourly run given a window), not a rerun, and doing nothing would hide it.
   */
  readonly requestedWindow?: TimeWindow;
  /** Known only once the source is read (record streams): record-level drift and a proposed checkpoint, asked for before the manifest is written. */
  readonly readOutcome?: () => ReadOutcome;
}

export interface ReadOutcome {
  readonly drift?: NonNullable<RunManifest['drift']>;
  readonly proposedCheckpoint?: string;
  readonly sourceObjects?: NonNullable<RunManifest['sourceObjects']>;
  readonly rejectedRecords?: NonNullable<RunManifest['rejectedRecords']>;
}

export interface ExtractionDeps {
  readonly store: ObjectStore;
  readonly parquet: ParquetWriter;
  /** Masks PII-tagged columns when set (every environment but prod). */
  readonly maskKey: string | undefined;
  readonly rowsPerPart: number;
  readonly tempDir: string;
  readonly logger: Logger;
  readonly clock: () => Date;
}

export interface ExtractionResult {
  readonly manifest: RunManifest;
  readonly manifestKey: string;
  /** True when the run had committed before: nothing was read or written. */
  readonly alreadyCommitted: boolean;
}

/** Adds what the results wrote to the run record's figures; a run committed before read nothing now (its rows are that attempt's). */
export function countExtracted(figures: RunFigures, results: readonly ExtractionResult[]): void {
  for (const { manifest } of results.filter((r) => !r.alreadyCommitted)) {
    figures.rowsIn += manifest.rowCount;
    figures.rowsOut += manifest.rowCount;
    figures.bytes += manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  }
}

/**
 * Streams one entity's window into Parquet parts and writes the manifest
 * last, only if no attempt of the run id committed first (put-if-absent).
 * A run killed before the manifest leaves parts nobody loads; each attempt
 * names its own parts, so a rerun or a duplicate launch never overwrites a
 * committed run's files.
 */
export async function extractToRawZone(request: ExtractionRequest, deps: ExtractionDeps): Promise<ExtractionResult> {
  const prefix = runPrefix(request.contract, request.scheduledAt, request.runId, request.shard);
  const key = manifestKey(prefix);
  const existing = await deps.store.getText(key);
  if (existing !== undefined) {
    const committed = parseRunManifest(existing, key);
    refuseAnotherRequest(committed, request, key);
    deps.logger.info({ manifest: key }, 'run already committed; nothing to do');
    return { manifest: committed, manifestKey: key, alreadyCommitted: true };
  }
  const files = await writeParts(request, deps, prefix, newAttemptId());
  const outcome = request.readOutcome?.();
  const drift = outcome?.drift ?? request.drift;
  const manifest: RunManifest = {
    manifestVersion: 1,
    source: request.contract.source,
    entity: request.contract.entity,
    runId: request.runId,
    mode: request.mode,
    scheduledAt: request.scheduledAt.toISOString(),
    window: isoWindow(request.window),
    extractedAt: (request.extractedAt ?? deps.clock()).toISOString(),
    contractVersion: request.contract.version,
    schemaFingerprint: sourceSchemaFingerprint(request.contract.columns, drift?.added ?? []),
    columns: request.contract.columns.map((c) => c.name),
    proposedWatermark: request.proposedWatermark.toISOString(),
    rowCount: files.reduce((sum, f) => sum + f.rows, 0),
    files,
    ...(request.shard ? { shard: { index: request.shard.index, count: request.shard.count } } : {}),
    ...(drift && drift.added.length > 0 ? { drift: { ...drift, added: [...drift.added] } } : {}),
    ...(outcome?.proposedCheckpoint !== undefined ? { proposedCheckpoint: outcome.proposedCheckpoint } : {}),
    ...(outcome?.sourceObjects?.length ? { sourceObjects: [...outcome.sourceObjects] } : {}),
    ...(outcome?.rejectedRecords?.length ? { rejectedRecords: [...outcome.rejectedRecords] } : {}),
    ...(request.snapshot ? { snapshot: request.snapshot } : {}),
    ...(request.requestedWindow ? { requestedWindow: isoWindow(request.requestedWindow) } : {}),
  };
  if (!(await deps.store.putIfAbsent(key, serializeRunManifest(manifest)))) return lostCommitRace(request, deps, key, files);
  deps.logger.info({ manifest: key, rows: manifest.rowCount, files: files.length }, 'run committed');
  return { manifest, manifestKey: key, alreadyCommitted: false };
}

/**
 * The first part holds this fraction of `rowsPerPart`. Until it is complete
 * nothing can be converted, and the extractor only receives, which costs it
 * about half of what the server spends sending: on one core that wait was
 * ~0.1 s of every large window idle (docs/performance.md, decision D8).
 * A small first part starts DuckDB after ~30 ms instead of ~250 ms.
 */
const FIRST_PART_FRACTION = 1 / 8;

/**
 * Converts part N while the source streams part N+1 (one conversion in
 * flight, so at most two CSV parts sit on disk): DuckDB runs on its own
 * thread, so reading and converting overlap instead of taking turns.
 */
async function writeParts(request: ExtractionRequest, deps: ExtractionDeps, prefix: string, attempt: string): Promise<ManifestFile[]> {
  const dir = await mkdtemp(path.join(deps.tempDir, `${request.contract.entity}-`));
  const columns = parquetColumns(request.contract, deps.maskKey !== undefined);
  const files: ManifestFile[] = [];
  const started = Date.now();
  const convert = async (part: CsvPartFile, recordsBefore: number): Promise<void> => {
    const parquetPath = path.join(dir, `part-${part.index}.parquet`);
    const written = await deps.parquet
      .writeFromCsv({ csvPath: part.path, parquetPath, columns, maskKey: deps.maskKey, keyColumns: request.contract.businessKey, longestRecord: part.longestRecord })
      .catch((error: unknown) => {
        // The part's CSV is temporary: name the run and the record's place in the window instead.
        throw error instanceof CsvRecordError ? error.describe(describeRun(request), recordsBefore) : error;
      });
    const objectKey = partKey(prefix, part.index, attempt);
    if (written.rows !== part.rows) {
      // The splitter and DuckDB disagree on where records end: never land a part that may have lost or merged rows.
      throw new DataContractError(`${objectKey}: the source sent ${part.rows} CSV records but ${written.rows} rows were written`);
    }
    await deps.store.putFile(objectKey, parquetPath);
    await Promise.all([rm(part.path, { force: true }), rm(parquetPath, { force: true })]);
    files.push({ key: objectKey, rows: written.rows, bytes: written.bytes, sha256: written.sha256 });
    const rows = files.reduce((sum, f) => sum + f.rows, 0);
    deps.logger.info({ part: objectKey, rows, rowsPerSecond: Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000)) }, 'part written');
  };
  let inFlight: Promise<void> = Promise.resolve();
  let recordsBefore = 0;
  try {
    for await (const part of splitCsvIntoParts(request.openCsv(), { dir, rowsPerPart: deps.rowsPerPart, firstPartRows: Math.ceil(deps.rowsPerPart * FIRST_PART_FRACTION), baseName: 'part' })) {
      await inFlight;
      inFlight = convert(part, recordsBefore);
      recordsBefore += part.rows;
      // A failure surfaces at the next await; until then it must not count as unhandled.
      inFlight.catch(() => undefined);
    }
    await inFlight;
  } finally {
    await inFlight.catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
  return files;
}

function isoWindow(window: TimeWindow): { start: string; end: string } {
  return { start: window.start.toISOString(), end: window.end.toISOString() };
}

/**
 * Another attempt of the run id committed while this one was writing: its
 * manifest stands, this attempt's parts (named for it alone) are removed.
 */
async function lostCommitRace(request: ExtractionRequest, deps: ExtractionDeps, key: string, files: readonly ManifestFile[]): Promise<ExtractionResult> {
  const text = await deps.store.getText(key);
  if (text === undefined) throw new Error(`${key}: the store refused the manifest as already present, then did not hold it`);
  const committed = parseRunManifest(text, key);
  refuseAnotherRequest(committed, request, key);
  for (const file of files) await deps.store.delete(file.key);
  deps.logger.warn({ manifest: key, discardedParts: files.length }, 'another attempt of this run committed first; its manifest stands and this attempt\'s parts are removed');
  return { manifest: committed, manifestKey: key, alreadyCommitted: true };
}

function refuseAnotherRequest(committed: RunManifest, request: ExtractionRequest, key: string): void {
  const asked = request.requestedWindow ? isoWindow(request.requestedWindow) : undefined;
  const before = committed.requestedWindow;
  const sameWindow = asked === undefined || (before !== undefined && before.start === asked.start && before.end === asked.end);
  if (committed.mode === request.mode && sameWindow) return;
  const wanted = asked ? `mode ${request.mode}, window [${asked.start}, ${asked.end})` : `mode ${request.mode}`;
  const had = before ? `mode ${committed.mode}, window [${before.start}, ${before.end})` : `mode ${committed.mode}, its scheduled window`;
  throw new ConfigError(`run id ${request.runId} already committed ${key} (${had}); this run asks for ${wanted}: give it another --run-id`);
}

function describeRun(request: ExtractionRequest): string {
  const shard = request.shard ? ` shard ${request.shard.index}/${request.shard.count}` : '';
  const window = isoWindow(request.window);
  return `${request.contract.source}/${request.contract.entity} run ${request.runId}${shard}, window [${window.start}, ${window.end})`;
}

export function parquetColumns(contract: Contract, masking: boolean): ParquetColumn[] {
  return contract.columns.map((c) => ({ name: c.name, type: c.type, mask: masking && c.pii !== undefined }));
}
