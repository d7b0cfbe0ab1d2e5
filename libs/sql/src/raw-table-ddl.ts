import * as path from 'node:path';
import { rawTableName, type Contract } from '@northstar/contracts';
import { columnDefinitions, type ColumnDefinition } from './column-definitions';
import type { Dialect } from './dialect';
import { renderSql, type RenderedSql } from './render-sql';
import { loadSqlTemplate, type SqlTemplate } from './sql-template';

export const rawSchema = 'raw';

/** Appended to every raw table by the loader: which run and file each row came from. */
export const rawLoadColumns: readonly ColumnDefinition[] = [
  { name: '_run_id', type: { kind: 'string' }, nullable: false },
  { name: '_source_file', type: { kind: 'string' }, nullable: false },
  { name: '_row_number', type: { kind: 'integer' }, nullable: false },
  { name: '_extracted_at', type: { kind: 'timestamp' }, nullable: false },
  { name: '_loaded_at', type: { kind: 'timestamp' }, nullable: false },
];

let template: SqlTemplate | undefined;
let addColumnTemplate: SqlTemplate | undefined;

/** `raw.<source>__<entity>`, the qualified name a contract lands in. */
export function rawTableRef(contract: Pick<Contract, 'source' | 'entity'>): string {
  return `${rawSchema}.${rawTableName(contract)}`;
}

/** `create table if not exists raw.<source>__<entity>`: every contract column, nullable, then the load columns. */
export function renderRawTableDdl(contract: Contract, dialect: Dialect): RenderedSql {
  template ??= loadSqlTemplate(path.join(__dirname, '../sql/raw_table.sql'));
  const landed = contract.columns.map((c) => ({ name: c.name, type: c.type, nullable: true }));
  return renderSql(template, dialect, {
    idents: { table: rawTableRef(contract) },
    fragments: { source_columns: columnDefinitions(landed, dialect), load_columns: columnDefinitions(rawLoadColumns, dialect) },
  });
}

/**
 * `alter table raw.<source>__<entity> add column if not exists ...`: a column a
 * newer contract version added, nullable like every landed column.
 */
export function renderAddRawColumn(contract: Contract, columnName: string, dialect: Dialect): RenderedSql {
  const column = contract.columns.find((c) => c.name === columnName);
  if (!column) throw new Error(`${contract.source}.${contract.entity} has no column "${columnName}"`);
  addColumnTemplate ??= loadSqlTemplate(path.join(__dirname, '../sql/add_column.sql'));
  return renderSql(addColumnTemplate, dialect, {
    idents: { table: rawTableRef(contract) },
    fragments: { column_definition: columnDefinitions([{ name: column.name, type: column.type, nullable: true }], dialect) },
  });
}
