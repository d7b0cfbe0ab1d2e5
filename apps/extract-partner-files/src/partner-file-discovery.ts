import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import type { Contract, PartnerFormat } from '@northstar/contracts';
import { pendingManifests } from '@northstar/extract';
import type { ObjectStore, ObjectVersion } from '@northstar/object-store';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';

const takenObjectsSql = sqlTemplatesIn(path.join(__dirname, '../sql'))('taken_objects');

/** Where partners drop their files: partners/<partner>/ and any folders below. */
export const partnerPrefix = (partner: string) => `partners/${partner}/`;

export interface PartnerObject extends ObjectVersion {
  readonly partner: string;
}

export interface DiscoveryDeps {
  readonly store: ObjectStore;
  readonly warehouse: Warehouse;
  readonly logger: Logger;
}

const READABLE = /\.(csv|tsv|txt)(\.gz)?$/i;
const versionKey = (o: { key: string; etag: string; size: number }) => `${o.key}\u0000${o.etag}\u0000${o.size}`;

/**
 * Every object under the partners' prefixes not taken before, by key, etag
 * and size: the ledger (ops.partner_files) plus the objects of runs that
 * committed but are not loaded yet, so a load that lags never makes a file
 * read twice. A late file under an old date folder is found like any other;
 * a replaced one has a new etag and is taken again.
 */
export async function untakenPartnerObjects(contract: Contract, formats: readonly PartnerFormat[], deps: DiscoveryDeps): Promise<PartnerObject[]> {
  const taken = new Set<string>();
  const rows = await deps.warehouse.query<{ object_key: string; etag: string; size_bytes: number | bigint }>(
    renderSql(takenObjectsSql, deps.warehouse.dialect, { params: { source: contract.source, entity: contract.entity } }),
  );
  for (const row of rows) taken.add(versionKey({ key: row.object_key, etag: row.etag, size: Number(row.size_bytes) }));
  const pending = await pendingManifests(contract, deps);
  for (const manifest of pending.manifests) {
    for (const object of manifest.sourceObjects ?? []) taken.add(versionKey({ key: object.key, etag: object.etag, size: object.sizeBytes }));
  }
  const found: PartnerObject[] = [];
  for (const format of formats) {
    const listed = await deps.store.listVersions(partnerPrefix(format.name));
    const skipped = listed.filter((o) => !READABLE.test(o.key)).map((o) => o.key);
    if (skipped.length > 0) deps.logger.warn({ partner: format.name, skipped: skipped.slice(0, 20), count: skipped.length }, 'objects that are not CSV drops (.csv, .tsv, .txt, optionally .gz) are left alone');
    for (const object of listed) {
      if (READABLE.test(object.key) && !taken.has(versionKey(object))) found.push({ ...object, partner: format.name });
    }
  }
  return found;
}
