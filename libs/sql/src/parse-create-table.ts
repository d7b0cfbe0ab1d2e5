import { parseSelect, type SelectItem } from './parse-select';
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
/** A select item's expression that is one `cast(<expression> as <type>)`. */
const CAST_EXPRESSION = /^cast\s*\([\s\S]*\s+as\s+([^()]+(?:\([^()]*\))?)\s*\)$/i;

/** Whether `sql` creates a table whose columns it names: a column list, or a create-as-select (its select list); not a view. */
export function declaresColumns(sql: string): boolean {
  return CREATE_TABLE.test(sql) || CREATE_TABLE_AS.test(sql);
}

/** Whether `sql` creates a table from a select (`create table ... as select`): a table built whole by one statement. */
export function createsTableAs(sql: string): boolean {
  return CREATE_TABLE_AS.test(sql);
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
  if (selecting) return { table: selecting[1].toLowerCase(), columns: parseSelect(sql.slice(selecting[0].length - 'select '.length)).items.map((item) => selectedColumn(item, sql)) };
  throw new Error(`not a create table statement with a column list: ${sql.slice(0, 80)}`);
}

/** A create-as-select's column: each item names it; its type is what a `cast(... as <type>)` around the whole item says (none otherwise). */
function selectedColumn(item: SelectItem, sql: string): DeclaredColumn {
  if (item.name === undefined) throw new Error(`a create-as-select names each column (\`as <name>\`, or a bare column); "${item.expression}" does not (${sql.slice(0, 60)})`);
  const cast = CAST_EXPRESSION.exec(item.expression.replace(/\s+/g, ' '));
  return { name: item.name, type: cast ? cast[1].trim().toLowerCase() : '' };
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
