import * as path from 'node:path';
import { loadSqlTemplate, renderSql } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { modelsSqlDir, type Model, type ModelLayer } from './model-catalog';

const rowsWrittenSinceSql = loadSqlTemplate(path.join(modelsSqlDir, 'runner', 'rows_written_since.sql'));

/** The column each layer's statements stamp with the run's clock on every row they write. */
const lineageStamp: Partial<Record<ModelLayer, string>> = { staging: '_staged_at', curated: '_merged_at' };

/**
 * Rows the models wrote (inserted or updated) at or after `since`, summed
 * over their tables: a load's rows out. Views and static models (dim_date,
 * built once, no stamp) count none, nor a reconcile model, whose nominal
 * target is no table (the delete flags it sets are the nightly's, not output).
 */
export async function rowsWrittenSince(warehouse: Warehouse, models: readonly Model[], since: Date): Promise<number> {
  const tables = new Map<string, string>();
  for (const model of models) {
    const stamp = lineageStamp[model.layer];
    if (stamp && model.tracks.length > 0) tables.set(model.target, stamp);
  }
  let written = 0;
  for (const [table, stamp] of tables) {
    if (!(await tableExists(warehouse, table))) continue;
    const rows = await warehouse.query<{ rows_written: number | bigint | string }>(renderSql(rowsWrittenSinceSql, warehouse.dialect, { idents: { table, stamp }, params: { since } }));
    written += Number(rows[0]?.rows_written ?? 0);
  }
  return written;
}
