import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import * as path from 'node:path';
import type { ObjectStore } from '@northstar/object-store';
import type { PartnerObject } from './partner-file-discovery';

export interface QuarantinedFile {
  readonly id: string;
  readonly key: string;
}

/** Inside the source's own raw-zone prefix (the extractor's write grant), beside and apart from its entities' runs. */
export const QUARANTINE_PREFIX = 'partner_files/quarantine/';

/** The quarantine id of an object version: short, stable for a rerun, different for a replaced file. */
export const quarantineIdOf = (object: Pick<PartnerObject, 'key' | 'etag'>) => createHash('sha256').update(`${object.key}\u0000${object.etag}`).digest('hex').slice(0, 12);

/**
 * Copies a refused file under partner_files/quarantine/<its key>/<id>/ with a reason.json
 * beside it, so the partner's original stays where it was dropped and the
 * operator has both the bytes and why. The copy goes through a local file:
 * the store streams both ways and the file is never held in memory.
 */
export async function quarantinePartnerFile(store: ObjectStore, object: PartnerObject, reason: string, context: { runId: string; now: Date; tempDir: string }): Promise<QuarantinedFile> {
  const id = quarantineIdOf(object);
  const folder = `${QUARANTINE_PREFIX}${object.key}/${id}`;
  const key = `${folder}/${path.posix.basename(object.key)}`;
  const local = path.join(context.tempDir, `quarantine-${id}`);
  try {
    await store.downloadFile(object.key, local);
    await store.putFile(key, local);
  } finally {
    await rm(local, { force: true });
  }
  const record = { id, partner: object.partner, objectKey: object.key, etag: object.etag, sizeBytes: object.size, reason, runId: context.runId, quarantinedAt: context.now.toISOString() };
  await store.putText(`${folder}/reason.json`, `${JSON.stringify(record, null, 2)}\n`);
  return { id, key };
}
