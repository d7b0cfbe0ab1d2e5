import { endOfLiteralOrComment } from './sql-scanner';

const CONSTRAINT = /^(constraint|primary\s+key|unique|foreign\s+key|check)\b/i;
/** Where a column's type ends: the first column constraint or option after it. */
const AFTER_TYPE = /\s+(?:not\s+null|null|default|primary\s+key|unique|references|check|collate|comment|constraint|generated|identity|autoincrement)\b/i;

export interface DeclaredColumn {
  /** Lower case, as the warehouse's folded catalog names. */
  readonly name: string;
  /** The declared type as written, lower case, spaces collapsed (`decimal(14, 2)`, `timestamp with time zone`). */
  readonly type: string;
}

export interface CreatedTable {
  /** As written in the statement, lower case (schema.table). */
  readonly table: string;
  /** Declared columns, in order. */
  readonly columns: DeclaredColumn[];
}

const CREATE_TABLE = /^\s*create\s+(?:or\s+replace\s+)?(?:temporary\s+|transient\s+)?table\s+(?:if\s+not\s+exists\s+)?([^\s(]+)\s*\(/i;
const CREATE_TABLE_AS = /^\s*create\s+(?:or\s+replace\s+)?(?:temporary\s+|transient\s+)?table\s+(?:if\s+not\s+exists\s+)?([^\s(]+)\s+as\s+select\s/i;
/** A select item `cast(<expression> as <type>) as <name>`, or any expression `as <name>`. */
const CAST_ITEM = /^cast\s*\(([\s\S]*)\s+as\s+([^()]+(?:\([^()]*\))?)\s*\)\s+as\s+("(?:[^"]|"")+"|\w+)$/i;
const NAMED_ITEM = /\s+as\s+("(?:[^"]|"")+"|\w+)$/i;

/** Whether `sql` creates a table whose columns it names: a column list, or a create-as-select (its select list); not a view. */
export function declaresColumns(sql: string): boolean {
  return CREATE_TABLE.test(sql) || CREATE_TABLE_AS.test(sql);
}

const CREATE_VIEW = /^\s*create\s+(?:or\s+replace\s+)?(?:secure\s+)?view\s/im;

/** Whether `sql` (a model's statements) creates a view: a statement at the start of a line, not a mention in a comment. */
export function createsView(sql: string): boolean {
  return CREATE_VIEW.test(sql);
}

/**
 * The table, column names and column types a `create table ... ( ... )`
 * statement declares: what a model's target table should have. Table
 * constraints are skipped; a quoted name keeps its spelling, lower-cased like
 * the warehouse's folded catalog names.
 */
export function parseCreateTable(sql: string): CreatedTable {
  const head = CREATE_TABLE.exec(sql);
  if (head) return { table: head[1].toLowerCase(), columns: entriesFrom(sql, head[0].length - 1).filter((e) => !CONSTRAINT.test(e)).map(declaredColumn) };
  const selecting = CREATE_TABLE_AS.exec(sql);
  if (selecting) return { table: selecting[1].toLowerCase(), columns: selectItems(sql, selecting[0].length).map((item) => selectedColumn(item, sql)) };
  throw new Error(`not a create table statement with a column list: ${sql.slice(0, 80)}`);
}

/**
 * The outermost select list of a create-as-select, up to its `from`: each
 * item names its column with `as`, and its type is what a `cast(... as <type>)`
 * around the whole item says (none otherwise).
 */
function selectItems(sql: string, start: number): string[] {
  const items: string[] = [];
  let item = '';
  let depth = 0;
  for (let i = start; i < sql.length; i++) {
    const skipped = endOfLiteralOrComment(sql, i);
    if (skipped > i) {
      const isComment = sql[i] === '-' || sql[i] === '/';
      item += isComment ? ' ' : sql.slice(i, skipped);
      i = skipped - 1;
      continue;
    }
    const ch = sql[i];
    if (depth === 0 && /^from\b/i.test(sql.slice(i, i + 5)) && /\s/.test(sql[i - 1])) {
      items.push(item.trim());
      return items;
    }
    if (ch === ',' && depth === 0) {
      items.push(item.trim());
      item = '';
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    item += ch;
  }
  throw new Error(`no from after the select list of a create-as-select: ${sql.slice(0, 80)}`);
}

function selectedColumn(item: string, sql: string): DeclaredColumn {
  const text = item.replace(/\s+/g, ' ');
  const cast = CAST_ITEM.exec(text);
  const named = cast ? cast[3] : NAMED_ITEM.exec(text)?.[1];
  if (!named) throw new Error(`a create-as-select names each column with \`as <name>\`; "${text}" does not (${sql.slice(0, 60)})`);
  const name = named.startsWith('"') ? named.slice(1, -1).replace(/""/g, '"') : named;
  return { name: name.toLowerCase(), type: cast ? cast[2].trim().toLowerCase() : '' };
}

/** Top-level entries of the parenthesised list opening at `open`; comments are dropped, literals kept whole. */
function entriesFrom(sql: string, open: number): string[] {
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
      if (ch === ')') return entries.filter((e) => e);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    entry += ch;
  }
  throw new Error(`unbalanced parentheses in create table statement: ${sql.slice(0, 80)}`);
}

function declaredColumn(entry: string): DeclaredColumn {
  const quoted = /^"((?:[^"]|"")+)"/.exec(entry);
  const name = quoted ? quoted[1].replace(/""/g, '"') : entry.split(/\s+/)[0];
  const rest = entry.slice(quoted ? quoted[0].length : name.length);
  const type = rest.split(AFTER_TYPE)[0].replace(/\s+/g, ' ').trim().toLowerCase();
  return { name: name.toLowerCase(), type };
}
