import * as path from 'node:path';
import { DataContractError, type Logger } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import type { Warehouse } from '@northstar/warehouse';

const quarantinedInRunSql = sqlTemplatesIn(path.join(__dirname, '../sql'))('quarantined_in_run');

export interface QuarantineNotice {
  readonly partner: string;
  readonly objectKey: string;
  readonly id: string;
  readonly reason: string;
}

/** The exit-3 message: each file with its partner and the id its release takes. */
export function quarantineMessage(files: readonly QuarantineNotice[]): string {
  const lines = files.map((q) => `partner ${q.partner}: ${q.objectKey} (quarantine id ${q.id}): ${q.reason}`);
  return `${files.length} partner file(s) quarantined; the run's other files are loaded. Fix the file or the partner format, then \`npm run pipeline -- release-quarantine <id>\`:\n${lines.join('\n')}`;
}

/**
 * The partner-files chain's last job (`--report-quarantine`, after the load):
 * fails with exit 3 naming each file the run quarantined, once the run's good
 * files are loaded and quality has gone on without waiting for it.
 */
export async function reportQuarantinedFiles(contract: Contract, runId: string, deps: { warehouse: Warehouse; logger: Logger }): Promise<void> {
  const rows = await deps.warehouse.query<{ partner: string; object_key: string; quarantine_id: string | null; reason: string | null }>(
    renderSql(quarantinedInRunSql, deps.warehouse.dialect, { params: { source: contract.source, entity: contract.entity, run_id: runId } }),
  );
  if (rows.length === 0) {
    deps.logger.info({ runId }, 'no partner file quarantined in this run');
    return;
  }
  throw new DataContractError(quarantineMessage(rows.map((r) => ({ partner: r.partner, objectKey: r.object_key, id: r.quarantine_id ?? '', reason: r.reason ?? 'refused' }))));
}
