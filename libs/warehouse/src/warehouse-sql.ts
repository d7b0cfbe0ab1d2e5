import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { loadSqlTemplate, type SqlTemplate } from '@northstar/sql';

/** libs/warehouse/sql: the statements this lib sends, kept as .sql files. */
export const warehouseSqlDir = path.resolve(__dirname, '..', 'sql');

const cache = new Map<string, SqlTemplate>();

/** A template under libs/warehouse/sql, read once per process. */
export function warehouseSqlTemplate(relativePath: string): SqlTemplate {
  let template = cache.get(relativePath);
  if (!template) {
    template = loadSqlTemplate(path.join(warehouseSqlDir, relativePath));
    cache.set(relativePath, template);
  }
  return template;
}

/** Every ops table's DDL template, in file-name order. */
export function opsTableTemplates(): SqlTemplate[] {
  return readdirSync(path.join(warehouseSqlDir, 'ops'))
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => warehouseSqlTemplate(path.join('ops', f)));
}
