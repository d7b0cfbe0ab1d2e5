import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { schemaFingerprint } from '@northstar/contracts';
import type { ObjectStore } from '@northstar/object-store';
import { loadSqlTemplate, renderSql } from '@northstar/sql';
import { ensureRawTable, renderLoadRawFile, type Warehouse, type WarehouseSession } from '@northstar/warehouse';
import { entityPrefix, MANIFEST_FILE } from './raw-zone-layout';
import { parseRunManifest, type RunManifest } from './run-manifest';
import { readWatermark } from './watermark-store';

const sql = (name: string) => loadSqlTemplate(path.join(__dirname, '../sql/load', `${name}.sql`));
const loadedFilesSql = sql('loaded_files');
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
 * loaded yet. Each manifest is one transaction: its files, their ledger rows
 * in ops.file_loads and the watermark move commit together or not at all.
 */
export async function loadCommittedRuns(contract: Contract, deps: RawLoadDeps): Promise<RawLoadResult> {
  await ensureRawTable(deps.warehouse, contract);
  const loaded = await loadedFiles(deps.warehouse, contract);
  const watermark = (await readWatermark(deps.warehouse, contract))?.getTime() ?? -Infinity;
  const pending = (m: RunManifest) => m.files.some((f) => !loaded.has(f.key)) || (m.files.length === 0 && Date.parse(m.proposedWatermark) > watermark);
  const manifests = (await committedManifests(contract, deps.store)).filter(pending);
  const result = { entity: contract.entity, manifests: manifests.length, filesLoaded: 0, filesSkipped: 0, rowsLoaded: 0 };
  for (const manifest of manifests) {
    const loadedAt = deps.clock();
    await deps.warehouse.transaction(async (session) => {
      for (const file of manifest.files) {
        if (loaded.has(file.key)) {
          result.filesSkipped++;
          continue;
        }
        await session.run(renderLoadRawFile(contract, session.dialect, {
          location: deps.store.locate(file.key),
          sourceFile: file.key,
          runId: manifest.runId,
          extractedAt: new Date(manifest.extractedAt),
          loadedAt,
        }));
        await session.run(renderSql(recordFileLoadSql, session.dialect, {
          params: { source_file: file.key, sha256: file.sha256, source: contract.source, entity: contract.entity, run_id: manifest.runId, rows_loaded: file.rows, loaded_at: loadedAt },
        }));
        result.filesLoaded++;
        result.rowsLoaded += file.rows;
      }
      await recordSchema(session, contract, manifest, loadedAt);
      await session.run(renderSql(advanceWatermarkSql, session.dialect, {
        params: { source: contract.source, entity: contract.entity, watermark: new Date(manifest.proposedWatermark), run_id: manifest.runId, now: loadedAt },
      }));
    });
  }
  deps.logger.info(result, 'raw load');
  return result;
}

/** Manifests in the order their windows closed, so the watermark only moves forward. */
async function committedManifests(contract: Contract, store: ObjectStore): Promise<RunManifest[]> {
  const keys = (await store.list(entityPrefix(contract))).map((o) => o.key).filter((key) => key.endsWith(`/${MANIFEST_FILE}`));
  const manifests = await Promise.all(keys.map(async (key) => parseRunManifest((await store.getText(key)) ?? '', key)));
  return manifests.sort((a, b) => a.window.end.localeCompare(b.window.end) || a.runId.localeCompare(b.runId));
}

/** The ledger outlives Snowflake's 64-day load metadata: a file in it never loads again. */
async function loadedFiles(warehouse: Warehouse, contract: Contract): Promise<Set<string>> {
  const rows = await warehouse.query<{ source_file: string }>(renderSql(loadedFilesSql, warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }));
  return new Set(rows.map((r) => r.source_file));
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
