import * as path from 'node:path';
import { ConfigError, DataContractError, ExitCode, exitCodeFor, mapWithConcurrency, TransientError, type Logger } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { schemaFingerprint } from '@northstar/contracts';
import type { ObjectStore } from '@northstar/object-store';
import { heldRawSchema, rawSchema, rawTableRef, renderCreateSchema, renderSql, sqlTemplatesIn } from '@northstar/sql';
import { ensureRawTable, renderLoadRawFile, ValueConversionError, type Warehouse, type WarehouseSession } from '@northstar/warehouse';
import { advanceCheckpoint, proposedCheckpointOf } from './checkpoint-store';
import { engineReadableCopy } from './engine-readable-copy';
import { entityPrefix, MANIFEST_FILE } from './raw-zone-layout';
import { parseRunManifest, type ManifestFile, type RunManifest } from './run-manifest';
import { copyManifestFiles } from './snowflake-file-copy';
import { readWatermark } from './watermark-store';

const sql = sqlTemplatesIn(path.join(__dirname, '../sql/load'));
const loadedFilesSql = sql('loaded_files');
const loadedRunsSql = sql('loaded_runs');
const recordRunLoadSql = sql('record_run_load');
const recordFileLoadSql = sql('record_file_load');
const advanceWatermarkSql = sql('advance_watermark');
const registerSchemaSql = sql('register_schema');
const rawRowsPerFileSql = sql('raw_rows_per_file');
const recordSourceObjectSql = sql('record_source_object');
const recordRejectedRecordSql = sql('record_rejected_record');

export interface RawLoadDeps {
  readonly warehouse: Warehouse;
  readonly store: ObjectStore;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly runId: string;
  /** Snowflake stage whose root is the raw zone's root (SNOWFLAKE_RAW_STAGE); DuckDB reads the store's locations instead. */
  readonly rawStage?: string;
  /**
   * A backfill chunk's load (`load --hold`): only the manifests of its own run
   * id, into the holding schema raw_backfill, where no model reads them until
   * the backfill's publish moves them to raw (docs/backfills.md).
   */
  readonly hold?: boolean;
}

/**
 * A backfill's chunk runs (run ids `backfill-...`, deriveRunId) land rows that
 * only their chunk's held load takes: a load into raw leaves them, so an
 * hourly run during a backfill publishes nothing of it.
 */
export function isHeldRun(manifest: Pick<RunManifest, 'mode' | 'runId'>): boolean {
  return manifest.mode === 'backfill' && manifest.runId.startsWith('backfill-');
}

/** The schema a load's files land in. */
const targetSchema = (deps: Pick<RawLoadDeps, 'hold'>) => (deps.hold ? heldRawSchema : rawSchema);

export interface RawLoadResult {
  readonly entity: string;
  readonly manifests: number;
  readonly filesLoaded: number;
  readonly filesSkipped: number;
  readonly rowsLoaded: number;
}

/**
 * Loads every committed run (one with a manifest) of an entity that is not
 * loaded yet. Each run is one transaction: its files, their ledger rows in
 * ops.file_loads, the watermark move and a proposed checkpoint (record
 * streams, ops.source_cursors) commit together or not at all. A
 * sharded run loads only once every shard has committed. A file the raw zone
 * lacks, a value that does not fit its column, or a file whose rows in the raw
 * table differ from its manifest's count fails the run (exit 3) by name.
 */
export async function loadCommittedRuns(contract: Contract, deps: RawLoadDeps): Promise<RawLoadResult> {
  const schema = targetSchema(deps);
  if (deps.hold) await deps.warehouse.run(renderCreateSchema(schema, deps.warehouse.dialect));
  const added = await ensureRawTable(deps.warehouse, contract, schema);
  if (added.length > 0) deps.logger.info({ table: rawTableRef(contract, schema), columns: added, contractVersion: contract.version }, 'raw table: added the columns a newer contract version declares');
  const loaded = await loadedFiles(deps.warehouse, contract);
  const pending = await pendingManifests(contract, deps);
  const taken = pending.manifests.filter((m) => (deps.hold ? m.runId === deps.runId : !isHeldRun(m)));
  const runs = completeRuns(groupRuns(taken), deps.logger);
  const result = { entity: contract.entity, manifests: runs.reduce((n, r) => n + r.manifests.length, 0), filesLoaded: 0, filesSkipped: 0, rowsLoaded: 0 };
  for (const run of runs) {
    const loadedAt = deps.clock();
    const recorded: string[] = [];
    await deps.warehouse.transaction(async (session) => {
      for (const manifest of run.manifests) {
        const counts = await loadManifest(session, contract, manifest, { loaded, stored: pending.stored, loadedAt }, deps);
        recorded.push(...counts.recorded);
        result.filesLoaded += counts.filesLoaded;
        result.filesSkipped += counts.filesSkipped;
        result.rowsLoaded += counts.rowsLoaded;
      }
      await advanceWatermark(session, contract, run, loadedAt, deps.logger);
      const checkpoint = proposedCheckpointOf(run.manifests);
      if (checkpoint) await advanceCheckpoint(session, contract, checkpoint, loadedAt);
    });
    // The ledger was read once, before the first run: a later run of this load must see what this one recorded.
    for (const key of recorded) loaded.add(key);
  }
  deps.logger.info(result, 'raw load');
  return result;
}

/** The manifests of one run id: one, or one per shard. */
interface CommittedRun {
  readonly runId: string;
  readonly manifests: readonly KeyedManifest[];
  /** The least any shard proposes: shards take their own snapshots, so the safe watermark is the earliest. */
  readonly proposedWatermark: Date;
  /** The latest start of any shard's window: the run read contiguously from there on. */
  readonly windowStart: Date;
  readonly shardCount: number;
}

function groupRuns(manifests: readonly KeyedManifest[]): CommittedRun[] {
  const byRun = new Map<string, KeyedManifest[]>();
  for (const m of manifests) {
    const key = `${m.runId}\u0000${m.shard?.count ?? 1}`;
    byRun.set(key, [...(byRun.get(key) ?? []), m]);
  }
  const runs = [...byRun.values()].map((group) => ({
    runId: group[0].runId,
    manifests: group,
    proposedWatermark: new Date(Math.min(...group.map((m) => Date.parse(m.proposedWatermark)))),
    windowStart: new Date(Math.max(...group.map((m) => Date.parse(m.window.start)))),
    shardCount: group[0].shard?.count ?? 1,
  }));
  return runs.sort((a, b) => a.proposedWatermark.getTime() - b.proposedWatermark.getTime() || a.runId.localeCompare(b.runId));
}

/** Drops (with a log line) sharded runs that still miss a shard's manifest; a later load picks them up. */
function completeRuns(runs: readonly CommittedRun[], logger: Logger): CommittedRun[] {
  return runs.filter((run) => {
    if (run.shardCount <= 1) return true;
    const present = new Set(run.manifests.map((m) => m.shard?.index));
    const missing = Array.from({ length: run.shardCount }, (_, i) => i).filter((i) => !present.has(i));
    if (missing.length === 0) return true;
    logger.info({ runId: run.runId, shardCount: run.shardCount, missingShards: missing }, 'sharded run incomplete; not loaded yet');
    return false;
  });
}

interface LoadContext {
  /** Files in the ledger: never loaded again. */
  readonly loaded: ReadonlySet<string>;
  /** Every key under the entity's prefix when the load listed it, with its size. */
  readonly stored: ReadonlyMap<string, number>;
  readonly loadedAt: Date;
}

/**
 * One manifest: its files not in the ledger yet, the check that the raw table
 * holds the rows the manifest counts for them, then their ledger rows, the
 * schema seen and the manifest's own row. Checking before recording means a
 * file that loaded short is never marked loaded.
 */
async function loadManifest(session: WarehouseSession, contract: Contract, manifest: KeyedManifest, context: LoadContext, deps: RawLoadDeps) {
  const landed = landedColumns(contract, manifest);
  const files = manifest.files.filter((file) => !context.loaded.has(file.key));
  await copyFiles(session, { contract, landed, manifest, files }, context, deps);
  for (const file of files) {
    await session.run(renderSql(recordFileLoadSql, session.dialect, {
      params: { source_file: file.key, sha256: file.sha256, source: contract.source, entity: contract.entity, run_id: manifest.runId, rows_loaded: file.rows, loaded_at: context.loadedAt },
    }));
  }
  await recordSchema(session, contract, manifest, context.loadedAt);
  await recordSourceObjects(session, contract, manifest, context.loadedAt);
  await session.run(renderSql(recordRunLoadSql, session.dialect, {
    params: { manifest_key: manifest.key, source: contract.source, entity: contract.entity, run_id: manifest.runId, rows_loaded: manifest.rowCount, loaded_at: context.loadedAt },
  }));
  return { recorded: files.map((f) => f.key), filesLoaded: files.length, filesSkipped: manifest.files.length - files.length, rowsLoaded: files.reduce((n, f) => n + f.rows, 0) };
}

/** Names a file in errors and logs: source/entity, run id and object key. */
const describeFile = (manifest: RunManifest, file: ManifestFile) => `${manifest.source}/${manifest.entity} run ${manifest.runId}, file ${file.key}`;

/** The same for the files of one COPY: a single file as above, several by their first and last key. */
const describeFiles = (manifest: RunManifest, files: readonly ManifestFile[]) =>
  files.length === 1 ? describeFile(manifest, files[0]) : `${manifest.source}/${manifest.entity} run ${manifest.runId}, files ${files[0].key} .. ${files.at(-1)?.key} (${files.length})`;

interface ManifestFiles {
  readonly contract: Contract;
  /** The contract narrowed to the columns the run's files hold. */
  readonly landed: Contract;
  readonly manifest: RunManifest;
  /** Those not in the ledger yet. */
  readonly files: readonly ManifestFile[];
}

/**
 * DuckDB: one statement per file, then one grouped count of the raw table.
 * Snowflake: up to 1,000 files per COPY, each file's rows checked from the
 * COPY's own result (a statement per file costs a compile and a round trip
 * each, and a count would scan the raw table).
 */
async function copyFiles(session: WarehouseSession, load: ManifestFiles, context: LoadContext, deps: RawLoadDeps): Promise<void> {
  const { manifest, files } = load;
  for (const file of files) assertStoredAsCommitted(manifest, file, context);
  if (session.dialect.name === 'snowflake') {
    if (files.length === 0) return;
    const run = { manifest, files, loadedAt: context.loadedAt, rawSchema: targetSchema(deps), ...(deps.rawStage ? { rawStage: deps.rawStage } : {}) };
    await copyManifestFiles(session, load.landed, run, (error, copied) => fileLoadError(error, describeFiles(manifest, copied), copied.map((f) => f.key), deps.store));
    return;
  }
  for (const file of files) await loadFile(session, load.landed, manifest, file, context, deps);
  await checkRawRows(session, rawTableRef(load.contract, targetSchema(deps)), manifest, files);
}

function assertStoredAsCommitted(manifest: RunManifest, file: ManifestFile, context: LoadContext): void {
  // Checked against the listing the load already made, so no request per file.
  const size = context.stored.get(file.key);
  if (size === undefined) throw new DataContractError(`${describeFile(manifest, file)}: its manifest lists it but the raw zone does not hold it; nothing of the run is loaded`);
  if (size !== file.bytes) {
    throw new DataContractError(`${describeFile(manifest, file)}: its manifest records ${file.bytes} bytes but the raw zone holds ${size}, so it changed after its run committed; nothing of the run is loaded`);
  }
}

async function loadFile(session: WarehouseSession, landed: Contract, manifest: RunManifest, file: ManifestFile, context: LoadContext, deps: RawLoadDeps): Promise<void> {
  const copy = await engineReadableCopy(deps.store, session.dialect, file.key);
  const statement = renderLoadRawFile(landed, session.dialect, {
    location: copy.location,
    sourceFile: file.key,
    runId: manifest.runId,
    extractedAt: new Date(manifest.extractedAt),
    loadedAt: context.loadedAt,
  }, { rawStage: deps.rawStage, rawSchema: targetSchema(deps) });
  try {
    await session.run(statement);
  } catch (error) {
    throw await fileLoadError(error, describeFile(manifest, file), [file.key], deps.store);
  } finally {
    await copy.release();
  }
}

/**
 * The engine's error (which names the column) prefixed with the file it was
 * loading. A value that does not convert to its contract type, or a file gone
 * from the raw zone since it was listed, is bad data (exit 3); a transient
 * error stays transient (exit 75); anything else keeps its exit code.
 */
async function fileLoadError(error: unknown, where: string, keys: readonly string[], store: ObjectStore): Promise<Error> {
  const detail = error instanceof Error ? error.message : String(error);
  const message = `${where}: ${detail}`;
  const code = exitCodeFor(error);
  if (code === ExitCode.transient) return new TransientError(message, { cause: error });
  if (code === ExitCode.dataViolation || error instanceof ValueConversionError) return new DataContractError(message, { cause: error });
  // If the store cannot answer, the original error is the better report.
  let gone = false;
  for (const key of keys) if (!gone) gone = !(await store.exists(key).catch(() => true));
  if (gone) return new DataContractError(`${where}: the raw zone no longer holds it (${detail})`, { cause: error });
  if (code === ExitCode.badInput) return new ConfigError(message, { cause: error });
  return new Error(message, { cause: error });
}

/**
 * One grouped count per manifest: the raw table must hold, for each file just
 * loaded, the rows its manifest counts. Files skipped as already in the ledger
 * were checked by the load that recorded them.
 */
async function checkRawRows(session: WarehouseSession, rawTable: string, manifest: RunManifest, files: readonly ManifestFile[]): Promise<void> {
  if (files.length === 0) return;
  const rows = await session.query<{ source_file: string; row_count: number }>(renderSql(rawRowsPerFileSql, session.dialect, {
    idents: { raw_table: rawTable },
    params: { run_id: manifest.runId },
  }));
  const found = new Map(rows.map((r) => [r.source_file, Number(r.row_count)]));
  for (const file of files) {
    const held = found.get(file.key) ?? 0;
    if (held !== file.rows) {
      throw new DataContractError(`${describeFile(manifest, file)}: its manifest counts ${file.rows} rows but the raw table holds ${held} for it after loading; nothing of the run is loaded`);
    }
  }
}

/**
 * Moves the watermark to the run's proposal (advance_watermark.sql decides:
 * forward only, and only from a run whose window starts at or before it).
 * The watermark is read first only to say why a run left it where it was.
 */
async function advanceWatermark(session: WarehouseSession, contract: Contract, run: CommittedRun, loadedAt: Date, logger: Logger): Promise<void> {
  const current = await readWatermark(session, contract);
  await session.run(renderSql(advanceWatermarkSql, session.dialect, {
    params: { source: contract.source, entity: contract.entity, watermark: run.proposedWatermark, window_start: run.windowStart, run_id: run.runId, now: loadedAt },
  }));
  if (current !== undefined && run.windowStart > current) {
    logger.info(
      { source: contract.source, entity: contract.entity, runId: run.runId, windowStart: run.windowStart.toISOString(), watermark: current.toISOString(), proposedWatermark: run.proposedWatermark.toISOString() },
      'run loaded without moving the watermark: its window starts after the watermark (a backfill of a detached window)',
    );
  }
}

/**
 * The entity's manifests not yet in ops.run_loads, in the order their windows
 * closed, and every key listed. Only those manifests are read: listing is
 * cheap, reading every manifest of years of hourly runs each hour is not.
 */
export async function pendingManifests(contract: Contract, deps: Pick<RawLoadDeps, 'warehouse' | 'store' | 'logger'>): Promise<{ manifests: KeyedManifest[]; stored: ReadonlyMap<string, number> }> {
  const rows = await deps.warehouse.query<{ manifest_key: string }>(renderSql(loadedRunsSql, deps.warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }));
  const done = new Set(rows.map((r) => r.manifest_key));
  const listed = await deps.store.list(entityPrefix(contract));
  const keys = listed.map((o) => o.key).filter((key) => key.endsWith(`/${MANIFEST_FILE}`) && !done.has(key));
  const read = await mapWithConcurrency(keys, MANIFEST_READS_IN_FLIGHT, async (key) => {
    const text = await deps.store.getText(key);
    if (text === undefined) {
      // Deleted since the listing (retention, or by hand): that run is no longer committed.
      deps.logger.warn({ manifest: key }, 'manifest listed but gone when read; its run is not loaded');
      return undefined;
    }
    return { ...parseRunManifest(text, key), key };
  });
  const manifests = read.filter((m): m is KeyedManifest => m !== undefined);
  manifests.sort((a, b) => a.window.end.localeCompare(b.window.end) || a.runId.localeCompare(b.runId));
  return { manifests, stored: new Map(listed.map((o) => [o.key, o.size])) };
}

export type KeyedManifest = RunManifest & { readonly key: string };

/** After an outage or for a rebuild, thousands of manifests may be pending: read them a few at a time. */
const MANIFEST_READS_IN_FLIGHT = 16;

/** The ledger outlives Snowflake's 64-day load metadata: a file in it never loads again. */
async function loadedFiles(warehouse: Warehouse, contract: Contract): Promise<Set<string>> {
  const rows = await warehouse.query<{ source_file: string }>(renderSql(loadedFilesSql, warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }));
  return new Set(rows.map((r) => r.source_file));
}

/**
 * The contract narrowed to the columns the run's files hold. A run extracted
 * under an earlier contract version lacks the columns added since: those read
 * null for its rows. A run holding a column this contract does not declare
 * (extracted by a newer release, loaded by an older one) is refused rather
 * than loaded without it.
 */
function landedColumns(contract: Contract, manifest: RunManifest): Contract {
  if (!manifest.columns) return contract;
  const unknown = manifest.columns.filter((name) => !contract.columns.some((c) => c.name === name));
  if (unknown.length > 0) {
    throw new DataContractError(
      `${manifest.source}/${manifest.entity} run ${manifest.runId} was extracted under contract version ${manifest.contractVersion} and holds ${unknown.join(', ')}, ` +
        `which contract version ${contract.version} here does not declare; load it with the release that declares them`,
    );
  }
  return { ...contract, columns: contract.columns.filter((c) => manifest.columns?.includes(c.name)) };
}

/** A file source's ledger rows and the records its stream refused, committed with the run's rows. */
async function recordSourceObjects(session: WarehouseSession, contract: Contract, manifest: RunManifest, now: Date): Promise<void> {
  for (const object of manifest.sourceObjects ?? []) {
    await session.run(renderSql(recordSourceObjectSql, session.dialect, {
      params: {
        object_key: object.key, etag: object.etag, size_bytes: object.sizeBytes, source: contract.source, entity: contract.entity,
        partner: object.partner, run_id: manifest.runId, outcome: object.outcome, rows_taken: object.rowsTaken, rows_rejected: object.rowsRejected,
        reason: object.reason ?? null, quarantine_id: object.quarantineId ?? null, quarantine_key: object.quarantineKey ?? null, now,
      },
    }));
  }
  for (const rejected of manifest.rejectedRecords ?? []) {
    await session.run(renderSql(recordRejectedRecordSql, session.dialect, {
      params: {
        run_id: manifest.runId, source: contract.source, entity: contract.entity, source_file: rejected.sourceFile, row_number: rejected.line,
        reason: `column ${rejected.column}: expected ${rejected.expected}`, record: JSON.stringify({ column: rejected.column, value: rejected.value }), now,
      },
    }));
  }
}

async function recordSchema(session: WarehouseSession, contract: Contract, manifest: RunManifest, now: Date): Promise<void> {
  await session.run(renderSql(registerSchemaSql, session.dialect, {
    params: {
      source: contract.source,
      entity: contract.entity,
      contract_version: manifest.contractVersion,
      fingerprint: manifest.schemaFingerprint,
      columns: JSON.stringify({ contract: contract.columns.map((c) => c.name), addedInSource: manifest.drift?.added ?? [], current: schemaFingerprint(contract.columns) }),
      run_id: manifest.runId,
      now,
    },
  }));
}
