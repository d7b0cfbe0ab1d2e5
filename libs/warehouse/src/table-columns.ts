import { renderSql } from '@northstar/sql';
import type { WarehouseSession } from './warehouse';
import { warehouseSqlTemplate } from './warehouse-sql';

/** The columns of `schema.table`, lower case, in table order; empty when the table does not exist. */
export async function tableColumns(session: WarehouseSession, table: string): Promise<string[]> {
  const [schemaName, tableName] = table.split('.');
  if (!schemaName || !tableName) throw new Error(`expected schema.table, got "${table}"`);
  const rows = await session.query<{ column_name: string }>(
    renderSql(warehouseSqlTemplate('table_columns.sql'), session.dialect, { params: { schema_name: schemaName, table_name: tableName } }),
  );
  return rows.map((row) => String(row.column_name));
}

/** Whether `schema.table` exists: a table always has a column, so this is the same catalog lookup. */
export async function tableExists(session: WarehouseSession, table: string): Promise<boolean> {
  return (await tableColumns(session, table)).length > 0;
}
