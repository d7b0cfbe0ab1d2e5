import * as path from 'node:path';
import { DataContractError, type Logger } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { schemaFingerprint } from '@northstar/contracts';
import type { ObjectStore } from '@northstar/object-store';
import { loadSqlTemplate, rawTableRef, renderSql } from '@northstar/sql';
import { ensureRawTable, renderLoadRawFile, type Warehouse, type WarehouseSession } from '@northstar/warehouse';
import { entityPrefix, MANIFEST_FILE } from './raw-zone-layout';
import { parseRunManifest, type RunManifest } from './run-manifest';

const sql = (name: string) => loadSqlTemplate(path.join(__dirname, '../sql/load', `${name}.sql`));
const loadedFilesSql = sql('loaded_files');
const loadedRunsSql = sql('loaded_runs');
const recordRunLoadSql = sql('record_run_load');
const recordFileLoadSql = sql('record_file_load');
const advanceWatermarkSql = sql('advance_watermark');
const registerSchemaSql = sql('register_schema');

export interface RawLoadDeps {
  readonly warehouse: Warehouse;
  readonly store: ObjectStore;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly runId: string;
}

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
 * ops.file_loads and the watermark move commit together or not at all. A
 * sharded run loads only once every shard has committed.
 */
export async function loadCommittedRuns(contract: Contract, deps: RawLoadDeps): Promise<RawLoadResult> {
  const added = await ensureRawTable(deps.warehouse, contract);
  if (added.length > 0) deps.logger.info({ table: rawTableRef(contract), columns: added, contractVersion: contract.version }, 'raw table: added the columns a newer contract version declares');
  const loaded = await loadedFiles(deps.warehouse, contract);
  const runs = completeRuns(groupRuns(await pendingManifests(contract, deps)), deps.logger);
  const result = { entity: contract.entity, manifests: runs.reduce((n, r) => n + r.manifests.length, 0), filesLoaded: 0, filesSkipped: 0, rowsLoaded: 0 };
  for (const run of runs) {
    const loadedAt = deps.clock();
    await deps.warehouse.transaction(async (session) => {
      for (const manifest of run.manifests) {
        const counts = await loadManifestFiles(session, contract, manifest, loaded, deps, loadedAt);
        result.filesLoaded += counts.filesLoaded;
        result.filesSkipped += counts.filesSkipped;
        result.rowsLoaded += counts.rowsLoaded;
        await recordSchema(session, contract, manifest, loadedAt);
        await session.run(renderSql(recordRunLoadSql, session.dialect, {
          params: { manifest_key: manifest.key, source: contract.source, entity: contract.entity, run_id: manifest.runId, rows_loaded: manifest.rowCount, loaded_at: loadedAt },
        }));
      }
      await session.run(renderSql(advanceWatermarkSql, session.dialect, {
        params: { source: contract.source, entity: contract.entity, watermark: run.proposedWatermark, run_id: run.runId, now: loadedAt },
      }));
    });
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

async function loadManifestFiles(session: WarehouseSession, contract: Contract, manifest: RunManifest, loaded: ReadonlySet<string>, deps: RawLoadDeps, loadedAt: Date) {
  const counts = { filesLoaded: 0, filesSkipped: 0, rowsLoaded: 0 };
  const landed = landedColumns(contract, manifest);
  for (const file of manifest.files) {
    if (loaded.has(file.key)) {
      counts.filesSkipped++;
      continue;
    }
    await session.run(renderLoadRawFile(landed, session.dialect, {
      location: deps.store.locate(file.key),
      sourceFile: file.key,
      runId: manifest.runId,
      extractedAt: new Date(manifest.extractedAt),
      loadedAt,
    }));
    await session.run(renderSql(recordFileLoadSql, session.dialect, {
      params: { source_file: file.key, sha256: file.sha256, source: contract.source, entity: contract.entity, run_id: manifest.runId, rows_loaded: file.rows, loaded_at: loadedAt },
    }));
    counts.filesLoaded++;
    counts.rowsLoaded += file.rows;
  }
  return counts;
}

/**
 * The entity's manifests not yet in ops.run_loads, in the order their windows
 * closed. Only those are read: listing is cheap, reading every manifest of
 * years of hourly runs each hour is not.
 */
async function pendingManifests(contract: Contract, deps: RawLoadDeps): Promise<KeyedManifest[]> {
  const rows = await deps.warehouse.query<{ manifest_key: string }>(renderSql(loadedRunsSql, deps.warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }));
  const done = new Set(rows.map((r) => r.manifest_key));
  const keys = (await deps.store.list(entityPrefix(contract))).map((o) => o.key).filter((key) => key.endsWith(`/${MANIFEST_FILE}`) && !done.has(key));
  const manifests = await Promise.all(keys.map(async (key) => ({ ...parseRunManifest((await deps.store.getText(key)) ?? '', key), key })));
  return manifests.sort((a, b) => a.window.end.localeCompare(b.window.end) || a.runId.localeCompare(b.runId));
}

type KeyedManifest = RunManifest & { readonly key: string };

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
