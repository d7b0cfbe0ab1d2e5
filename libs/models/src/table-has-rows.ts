import * as path from 'node:path';
import { loadSqlTemplate, renderSql } from '@northstar/sql';
import type { WarehouseSession } from '@northstar/warehouse';
import { modelsSqlDir } from './model-catalog';

const tableHasRowsSql = loadSqlTemplate(path.join(modelsSqlDir, 'runner', 'table_has_rows.sql'));

/** Whether `schema.table` holds at least one row (reads one, not a count of all). */
export async function tableHasRows(warehouse: WarehouseSession, table: string): Promise<boolean> {
  const rows = await warehouse.query<{ rows_found: number | string }>(renderSql(tableHasRowsSql, warehouse.dialect, { idents: { table } }));
  return Number(rows[0]?.rows_found ?? 0) > 0;
}
