import type { Dialect } from './dialect';
import { endOfLiteralOrComment } from './sql-scanner';
import { renderSql, type RenderInput, type RenderedSql } from './render-sql';
import type { SqlTemplate } from './sql-template';

/**
 * Splits a template body on top-level semicolons (not those inside string
 * literals, quoted identifiers or comments), then renders each statement;
 * each binds only the parameters it uses.
 */
export function renderStatements(template: SqlTemplate, dialect: Dialect, input: RenderInput = {}): RenderedSql[] {
  return splitStatements(template.body).map((body) => renderSql({ ...template, body }, dialect, input));
}

export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const skipped = endOfLiteralOrComment(sql, i);
    if (skipped > i) i = skipped;
    else if (sql[i] === ';') {
      statements.push(sql.slice(start, i));
      start = ++i;
    } else i++;
  }
  statements.push(sql.slice(start));
  return statements.map(withoutLeadingComments).filter((s) => stripComments(s).trim().length > 0);
}

/** Comment lines before a statement belong to the file, not the statement: drop them. */
function withoutLeadingComments(sql: string): string {
  return sql.replace(/^(\s*--[^\n]*(\n|$))+/, '').trim();
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}
