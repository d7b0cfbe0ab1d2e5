import * as path from 'node:path';
import type { Dialect } from './dialect';
import { renderSql, type RenderedSql } from './render-sql';
import { loadSqlTemplate, type SqlTemplate } from './sql-template';

let template: SqlTemplate | undefined;

export function renderCreateSchema(name: string, dialect: Dialect): RenderedSql {
  template ??= loadSqlTemplate(path.join(__dirname, '../sql/create_schema.sql'));
  return renderSql(template, dialect, { idents: { schema: name } });
}
