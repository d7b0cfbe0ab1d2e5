import { fragment, parseCreateTable, renderAddColumn, renderSql, type Dialect, type RenderedSql } from '@northstar/sql';
import type { WarehouseSession } from './warehouse';
import { opsTableTemplates, warehouseSqlTemplate } from './warehouse-sql';

/** Column names (lower case) of each ops table the warehouse has, by `ops.<table>`. */
export type OpsColumns = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The statements that bring ops tables made by an older release up to their
 * DDL files: each declared column a table lacks, added nullable (its rows
 * read null there). The DDL files are the only statement of an ops table's
 * shape, so adding a column is editing its file. A table the warehouse does
 * not have yet needs nothing: `create table if not exists` makes it whole.
 * Columns are only ever added: a renamed or dropped column stays for a human.
 */
export function renderOpsColumnMigrations(dialect: Dialect, existing: OpsColumns): RenderedSql[] {
  const statements: RenderedSql[] = [];
  for (const template of opsTableTemplates()) {
    const declared = parseCreateTable(withoutLeadingComments(renderSql(template, dialect).sql));
    const present = existing.get(declared.table);
    if (!present || present.size === 0) continue;
    for (const column of declared.columns.filter((c) => !present.has(c.name))) {
      statements.push(renderAddColumn(declared.table, fragment(`${dialect.quoteIdent(column.name)} ${column.type}`), dialect));
    }
  }
  return statements;
}

/** The ops tables' columns as the catalog has them: one query for the whole schema. */
export async function opsColumns(session: WarehouseSession): Promise<OpsColumns> {
  const rows = await session.query<{ table_name: string; column_name: string }>(
    renderSql(warehouseSqlTemplate('ops_columns.sql'), session.dialect, { params: { schema_name: 'ops' } }),
  );
  const columns = new Map<string, Set<string>>();
  for (const row of rows) {
    const table = `ops.${String(row.table_name)}`;
    const names = columns.get(table) ?? new Set<string>();
    names.add(String(row.column_name));
    columns.set(table, names);
  }
  return columns;
}

/** Adds the columns newer DDL files declare to ops tables an older release made; runs nothing when none is missing. */
export async function migrateOpsTables(session: WarehouseSession): Promise<RenderedSql[]> {
  const statements = renderOpsColumnMigrations(session.dialect, await opsColumns(session));
  for (const statement of statements) await session.run(statement);
  return statements;
}

/** A DDL file's body may open with prose comments; the parser reads from `create`. */
function withoutLeadingComments(sql: string): string {
  return sql.replace(/^(?:\s*--[^\n]*\n)*/, '');
}
