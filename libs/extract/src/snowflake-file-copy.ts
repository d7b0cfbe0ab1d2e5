import { DataContractError } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { copiedFiles, MAX_FILES_PER_COPY, renderLoadRawFiles, type CopiedFile, type WarehouseSession } from '@northstar/warehouse';
import { entityPrefix } from './raw-zone-layout';
import type { ManifestFile, RunManifest } from './run-manifest';

export interface FileCopyRun {
  readonly manifest: RunManifest;
  readonly files: readonly ManifestFile[];
  readonly loadedAt: Date;
  readonly rawStage?: string;
  /** raw (default), or a backfill's holding schema. */
  readonly rawSchema?: string;
}

/**
 * Copies a manifest's files into the raw table on Snowflake, up to 1,000 per
 * COPY, and checks each file's line of the COPY's result against the
 * manifest: loaded, with exactly the rows the manifest counts. A file the
 * result leaves out (a stage rooted elsewhere loads nothing without an
 * error), reports short or reports twice fails the run by name before any
 * ledger row is written. `onError` names the files of a COPY that threw.
 */
export async function copyManifestFiles(
  session: WarehouseSession,
  contract: Contract,
  run: FileCopyRun,
  onError: (error: unknown, files: readonly ManifestFile[]) => Promise<Error>,
): Promise<void> {
  for (let i = 0; i < run.files.length; i += MAX_FILES_PER_COPY) {
    const files = run.files.slice(i, i + MAX_FILES_PER_COPY);
    const statement = renderLoadRawFiles(contract, {
      sourceFiles: files.map((f) => f.key),
      runId: run.manifest.runId,
      extractedAt: new Date(run.manifest.extractedAt),
      loadedAt: run.loadedAt,
      ...(run.rawSchema ? { rawSchema: run.rawSchema } : {}),
    }, run.rawStage);
    let result: CopiedFile[];
    try {
      result = copiedFiles(await session.query(statement));
    } catch (error) {
      throw await onError(error, files);
    }
    checkCopiedFiles(contract, run.manifest, files, result);
  }
}

function checkCopiedFiles(contract: Contract, manifest: RunManifest, files: readonly ManifestFile[], result: readonly CopiedFile[]): void {
  const byKey = new Map<string, CopiedFile[]>();
  for (const line of result) {
    const key = keyOf(contract, line.file);
    byKey.set(key, [...(byKey.get(key) ?? []), line]);
  }
  const where = (file: ManifestFile) => `${manifest.source}/${manifest.entity} run ${manifest.runId}, file ${file.key}`;
  for (const file of files) {
    const lines = byKey.get(file.key) ?? [];
    const line = lines[0];
    const problem =
      lines.length === 0 ? 'the COPY reported no line for it (nothing loaded: is the stage rooted at the raw zone?)'
      : lines.length > 1 ? `the COPY reported it ${lines.length} times`
      : line.status.toUpperCase() !== 'LOADED' ? `the COPY reported it ${line.status}${line.firstError ? ` (${line.firstError})` : ''}`
      : line.rowsLoaded !== file.rows ? `its manifest counts ${file.rows} rows but the COPY loaded ${line.rowsLoaded}`
      : undefined;
    if (problem) throw new DataContractError(`${where(file)}: ${problem}; nothing of the run is loaded`);
  }
  const asked = new Set(files.map((f) => f.key));
  const unasked = [...byKey.keys()].filter((key) => !asked.has(key));
  if (unasked.length) throw new DataContractError(`${manifest.source}/${manifest.entity} run ${manifest.runId}: the COPY loaded files it was not given (${unasked.join(', ')}); nothing of the run is loaded`);
}

/** The raw-zone key in a COPY result's file name: an external stage reports s3://bucket/<prefix>/<key>. */
function keyOf(contract: Contract, file: string): string {
  const at = file.indexOf(entityPrefix(contract));
  return at >= 0 ? file.slice(at) : file;
}
