import { renderSql } from '@northstar/sql';
import type { WarehouseSession } from './warehouse';
import { warehouseSqlTemplate } from './warehouse-sql';

export interface TableColumn {
  /** Lower case. */
  readonly name: string;
  /** As the catalog reports it, with precision and scale when the engine gives them apart (`NUMBER(14,2)`). */
  readonly type: string;
}

type CatalogRow = { column_name: string; data_type: string; numeric_precision: unknown; numeric_scale: unknown };

/** The columns of `schema.table`, in table order; empty when the table does not exist. */
export async function tableColumns(session: WarehouseSession, table: string): Promise<TableColumn[]> {
  const [schemaName, tableName] = table.split('.');
  if (!schemaName || !tableName) throw new Error(`expected schema.table, got "${table}"`);
  const rows = await session.query<CatalogRow>(
    renderSql(warehouseSqlTemplate('table_columns.sql'), session.dialect, { params: { schema_name: schemaName, table_name: tableName } }),
  );
  return rows.map((row) => ({ name: String(row.column_name), type: catalogType(row) }));
}

function catalogType(row: CatalogRow): string {
  const type = String(row.data_type);
  const bareFixedPoint = /^(number|decimal|numeric)$/i.test(type) && row.numeric_precision != null;
  return bareFixedPoint ? `${type}(${Number(row.numeric_precision)},${Number(row.numeric_scale ?? 0)})` : type;
}

/** Whether `schema.table` exists: a table always has a column, so this is the same catalog lookup. */
export async function tableExists(session: WarehouseSession, table: string): Promise<boolean> {
  return (await tableColumns(session, table)).length > 0;
}
