import * as path from 'node:path';
import type { Logger } from '@northstar/core';
import { renderSql, sqlTemplatesIn } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';

const sql = sqlTemplatesIn(path.resolve(__dirname, '..', 'sql', 'access_audit'));
const DAY_MS = 86_400_000;

/** ACCESS_HISTORY lags by up to a few hours: each run re-reads a day before its newest row, and the append skips what it has. */
export const rereadOverlapMs = DAY_MS;
/** Snowflake keeps ACCESS_HISTORY 365 days: the first run reads all of it. */
export const accessHistoryDays = 365;

type AccessRow = { query_id: string; accessed_at: string; user_name: string; role_name: string | null; object_name: string; column_name: string };

export interface AccessAuditResult {
  readonly since: Date;
  readonly columnsRead: number;
  readonly piiColumnsRead: number;
}

/**
 * Appends to ops.access_audit every column of the project's objects that a
 * query read since the last position, marking the contracts' PII columns
 * (`piiColumns`: schema.table.column, lower case).
 */
export async function auditAccess(warehouse: Warehouse, piiColumns: ReadonlySet<string>, now: Date, logger: Logger): Promise<AccessAuditResult | undefined> {
  // DuckDB has an access history only where the sandbox made one: a local run has nothing to audit.
  if (warehouse.dialect.name === 'duckdb' && !(await tableExists(warehouse, 'account_usage.access_history'))) {
    logger.info('access audit: this warehouse keeps no access history');
    return undefined;
  }
  const [last] = await warehouse.query<{ last_accessed_at: string | null }>(renderSql(sql('last_audited'), warehouse.dialect));
  const since = last?.last_accessed_at ? new Date(new Date(last.last_accessed_at).getTime() - rereadOverlapMs) : new Date(now.getTime() - accessHistoryDays * DAY_MS);
  const rows = await warehouse.query<AccessRow>(renderSql(sql(`read_access_history.${warehouse.dialect.name}`), warehouse.dialect, { params: { since } }));
  let pii = 0;
  await warehouse.transaction(async (session) => {
    for (const row of rows) {
      // DATABASE.SCHEMA.TABLE -> schema.table: the database is this environment's, by the query's filter.
      const objectName = row.object_name.split('.').slice(1).join('.');
      const isPii = piiColumns.has(`${objectName}.${row.column_name}`);
      if (isPii) pii++;
      await session.run(renderSql(sql('append_access_audit'), session.dialect, {
        params: { query_id: row.query_id, accessed_at: new Date(row.accessed_at), user_name: row.user_name, role_name: row.role_name, object_name: objectName, column_name: row.column_name, is_pii: isPii, audited_at: now },
      }));
    }
  });
  logger.info({ since: since.toISOString(), columnsRead: rows.length, piiColumnsRead: pii }, 'access audit appended');
  return { since, columnsRead: rows.length, piiColumnsRead: pii };
}

export type PiiRead = { user_name: string; role_name: string | null; object_name: string; column_name: string; queries: number; last_read_at: string };

/** Who read which PII column since `since`: the question docs/operations.md answers with the same SQL. */
export async function piiReadsSince(warehouse: Warehouse, since: Date): Promise<PiiRead[]> {
  return warehouse.query<PiiRead>(renderSql(sql('pii_reads'), warehouse.dialect, { params: { since } }));
}
