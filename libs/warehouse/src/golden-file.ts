import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RenderedSql } from '@northstar/sql';

/** Statements as golden text: each statement, then its bind values (if any) as a comment. */
export function formatGoldenStatements(statements: readonly RenderedSql[]): string {
  return statements.map(formatStatement).join('\n\n') + '\n';
}

function formatStatement(statement: RenderedSql): string {
  const binds = statement.binds.map((value, i) => `--   ${i + 1}: ${formatBind(value)}`);
  return [`${statement.sql.trimEnd()};`, ...(binds.length ? ['-- binds:', ...binds] : [])].join('\n');
}

function formatBind(value: unknown): string {
  if (value instanceof Date) return `Date(${value.toISOString()})`;
  if (typeof value === 'bigint') return `${value}n`;
  return JSON.stringify(value);
}

/**
 * Compares `actual` with a golden file; with UPDATE_GOLDENS=1 it rewrites the
 * file instead, so a reviewed change to the SQL is one command and one diff.
 */
export function expectGolden(file: string, actual: string): void {
  if (process.env['UPDATE_GOLDENS'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${file} is missing: run the spec with UPDATE_GOLDENS=1 and review the new file`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
