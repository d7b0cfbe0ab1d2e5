import { endOfLiteralOrComment } from './sql-scanner';

const CONSTRAINT = /^(constraint|primary\s+key|unique|foreign\s+key|check)\b/i;

export interface CreatedTable {
  /** As written in the statement, lower case (schema.table). */
  readonly table: string;
  /** Declared column names, lower case, in order. */
  readonly columns: string[];
}

const CREATE_TABLE = /^\s*create\s+(?:or\s+replace\s+)?(?:temporary\s+|transient\s+)?table\s+(?:if\s+not\s+exists\s+)?([^\s(]+)\s*\(/i;

/**
 * The table and column names a `create table ... ( ... )` statement declares:
 * what a model's target table should have. Table constraints are skipped; a
 * quoted name keeps its spelling, lower-cased like the warehouse's folded
 * catalog names.
 */
export function parseCreateTable(sql: string): CreatedTable {
  const head = CREATE_TABLE.exec(sql);
  if (!head) throw new Error(`not a create table statement with a column list: ${sql.slice(0, 80)}`);
  return { table: head[1].toLowerCase(), columns: columnsFrom(sql, head[0].length - 1) };
}

/** Top-level entries of the parenthesised list opening at `open`; comments are dropped, literals kept whole. */
function columnsFrom(sql: string, open: number): string[] {
  const entries: string[] = [];
  let entry = '';
  let depth = 0;
  for (let i = open + 1; i < sql.length; i++) {
    const skipped = endOfLiteralOrComment(sql, i);
    if (skipped > i) {
      const isComment = sql[i] === '-' || sql[i] === '/';
      entry += isComment ? ' ' : sql.slice(i, skipped);
      i = skipped - 1;
      continue;
    }
    const ch = sql[i];
    if ((ch === ',' && depth === 0) || (ch === ')' && depth === 0)) {
      entries.push(entry.trim());
      entry = '';
      if (ch === ')') return entries.filter((e) => e && !CONSTRAINT.test(e)).map(columnName);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    entry += ch;
  }
  throw new Error(`unbalanced parentheses in create table statement: ${sql.slice(0, 80)}`);
}

function columnName(entry: string): string {
  const quoted = /^"((?:[^"]|"")+)"/.exec(entry);
  return (quoted ? quoted[1].replace(/""/g, '"') : entry.split(/\s+/)[0]).toLowerCase();
}
