import { manifestKey, parseRunManifest, type RunManifest } from '@northstar/extract';
import type { ObjectInfo, ObjectStore } from '@northstar/object-store';

/** One landed file as the warehouse holds it: its key in the raw zone and its rows there. */
export interface WarehouseFile {
  readonly sourceFile: string;
  readonly rows: number;
}

/**
 * What stops these files' rows from leaving the warehouse: each must still be
 * in the raw zone, at the size its manifest recorded, and the warehouse must
 * hold the rows the manifest counts for it. Empty when all is in order.
 * Manifests and listings are read once per run folder.
 */
export async function archiveProblems(store: ObjectStore, files: readonly WarehouseFile[]): Promise<string[]> {
  const manifests = new Map<string, Promise<RunManifest | undefined>>();
  const listings = new Map<string, Promise<Map<string, ObjectInfo>>>();
  const problems: string[] = [];
  for (const file of files) {
    const folder = file.sourceFile.slice(0, file.sourceFile.lastIndexOf('/') + 1);
    if (!manifests.has(folder)) manifests.set(folder, store.getText(manifestKey(folder)).then((t) => (t === undefined ? undefined : parseRunManifest(t, manifestKey(folder)))));
    if (!listings.has(folder)) listings.set(folder, store.list(folder).then((objects) => new Map(objects.map((o) => [o.key, o]))));
    const manifest = await manifests.get(folder);
    const entry = manifest?.files.find((f) => f.key === file.sourceFile);
    const object = (await listings.get(folder))?.get(file.sourceFile);
    if (!manifest) problems.push(`${file.sourceFile}: no manifest in the raw zone`);
    else if (!entry) problems.push(`${file.sourceFile}: not in its run's manifest`);
    else if (!object) problems.push(`${file.sourceFile}: missing from the raw zone`);
    else if (object.size !== entry.bytes) problems.push(`${file.sourceFile}: ${object.size} bytes in the raw zone, the manifest recorded ${entry.bytes}`);
    else if (entry.rows !== file.rows) problems.push(`${file.sourceFile}: the warehouse holds ${file.rows} rows, the manifest counts ${entry.rows}`);
  }
  return problems;
}
