import * as path from 'node:path';
import { rawTableName, type Contract } from '@northstar/contracts';
import { columnDefinitions, type ColumnDefinition } from './column-definitions';
import type { Dialect } from './dialect';
import { renderSql, type RenderedSql, type SqlFragment } from './render-sql';
import { loadSqlTemplate, type SqlTemplate } from './sql-template';

export const rawSchema = 'raw';
/** Where a backfill's chunks land their rows until its publish moves them to raw (docs/backfills.md). */
export const heldRawSchema = 'raw_backfill';

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

/** `raw.<source>__<entity>`, the qualified name a contract lands in (or its holding table, `raw_backfill.<source>__<entity>`). */
export function rawTableRef(contract: Pick<Contract, 'source' | 'entity'>, schema: string = rawSchema): string {
  return `${schema}.${rawTableName(contract)}`;
}

/** `create table if not exists raw.<source>__<entity>`: every contract column, nullable, then the load columns. */
export function renderRawTableDdl(contract: Contract, dialect: Dialect, schema: string = rawSchema): RenderedSql {
  template ??= loadSqlTemplate(path.join(__dirname, '../sql/raw_table.sql'));
  const landed = contract.columns.map((c) => ({ name: c.name, type: c.type, nullable: true }));
  return renderSql(template, dialect, {
    idents: { table: rawTableRef(contract, schema) },
    fragments: { source_columns: columnDefinitions(landed, dialect), load_columns: columnDefinitions(rawLoadColumns, dialect) },
  });
}

/**
 * `alter table raw.<source>__<entity> add column if not exists ...`: a column a
 * newer contract version added, nullable like every landed column.
 */
export function renderAddRawColumn(contract: Contract, columnName: string, dialect: Dialect, schema: string = rawSchema): RenderedSql {
  const column = contract.columns.find((c) => c.name === columnName);
  if (!column) throw new Error(`${contract.source}.${contract.entity} has no column "${columnName}"`);
  return renderAddColumn(rawTableRef(contract, schema), columnDefinitions([{ name: column.name, type: column.type, nullable: true }], dialect), dialect);
}

/** `alter table <table> add column if not exists <definition>`: rows already there read null in it. */
export function renderAddColumn(table: string, definition: SqlFragment, dialect: Dialect): RenderedSql {
  addColumnTemplate ??= loadSqlTemplate(path.join(__dirname, '../sql/add_column.sql'));
  return renderSql(addColumnTemplate, dialect, { idents: { table }, fragments: { column_definition: definition } });
}
