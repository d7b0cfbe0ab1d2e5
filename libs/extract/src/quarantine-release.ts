import * as path from 'node:path';
import { ConfigError } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';

const sql = sqlTemplatesIn(path.join(__dirname, '../sql'));
const releaseSql = sql('release_quarantine');
const quarantinedSql = sql('quarantined_objects');

export interface QuarantineRelease {
  readonly id: string;
  readonly objectKey: string;
  readonly partner: string;
  /** False when it had been released before: nothing changed. */
  readonly released: boolean;
}

/**
 * Re-queues a quarantined file once it is fixed (or the partner format or
 * contract changed): its ledger row is marked released, so the next
 * extraction reads the object again. An unknown id is a usage error (exit 2).
 */
export async function releaseQuarantine(warehouse: Warehouse, id: string, releasedBy: string, now: Date): Promise<QuarantineRelease> {
  const rows = await warehouse.query<{ object_key: string; partner: string; released_at: unknown }>(renderSql(quarantinedSql, warehouse.dialect, { params: { quarantine_id: id } }));
  if (rows.length === 0) throw new ConfigError(`release-quarantine: no quarantined file has id "${id}" in ops.partner_files (the id is in the extract's error and in quarantine/<file>/<id>/reason.json)`);
  const open = rows.some((r) => r.released_at === null || r.released_at === undefined);
  if (open) await warehouse.run(renderSql(releaseSql, warehouse.dialect, { params: { quarantine_id: id, released_by: releasedBy, now } }));
  return { id, objectKey: rows[0].object_key, partner: rows[0].partner, released: open };
}
