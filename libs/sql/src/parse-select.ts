import { endOfLiteralOrComment } from './sql-scanner';

export interface SelectItem {
  /** The expression as written, comments dropped, without its alias. */
  readonly expression: string;
  /** The output column's name: the alias, or a bare (optionally qualified) column's own name; undefined for an unnamed expression. */
  readonly name: string | undefined;
}

export interface ParsedSelect {
  readonly items: SelectItem[];
  /** What follows the top-level `from`, comments dropped, trimmed. */
  readonly from: string;
}

const identifier = /^[a-z_][a-z0-9_]*$/i;
const aliased = /^([\s\S]*?)\s+as\s+([a-z_][a-z0-9_]*)$/i;
const bareColumn = /^(?:[a-z_][a-z0-9_]*\.)?([a-z_][a-z0-9_]*)$/i;

/**
 * The items of a single `select <items> from <rest>` statement (no `with`,
 * no `distinct`), split at top-level commas, and the text after the top-level
 * `from`. Literals are kept whole and a comma inside parentheses, a literal or
 * a `{{ ... }}` placeholder does not split, so a template's select parses
 * before it is rendered.
 */
export function parseSelect(sql: string): ParsedSelect {
  const { parts, from } = topLevelParts(sql);
  if (from === undefined) throw new Error(`expected "select <columns> from <table>", found no top-level from in: ${sql.trim().slice(0, 80)}`);
  const head = /^\s*select\s+/i.exec(parts[0] ?? '');
  if (!head) throw new Error(`expected a statement starting with "select": ${sql.trim().slice(0, 80)}`);
  parts[0] = parts[0].slice(head[0].length);
  return { items: parts.map(selectItem), from: from.trim() };
}

function selectItem(text: string): SelectItem {
  const item = text.replace(/\s+$/, '').replace(/^\s+/, '');
  if (!item) throw new Error('empty item in a select list (a trailing or doubled comma?)');
  const withAlias = aliased.exec(item);
  if (withAlias) return { expression: withAlias[1].trim(), name: withAlias[2].toLowerCase() };
  const bare = bareColumn.exec(item);
  return { expression: item, name: bare && identifier.test(bare[1]) ? bare[1].toLowerCase() : undefined };
}

/** The select list split at top-level commas, up to the first top-level `from`, and the rest after it. */
function topLevelParts(sql: string): { parts: string[]; from: string | undefined } {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (let i = 0; i < sql.length; i++) {
    const skipped = endOfLiteralOrComment(sql, i);
    if (skipped > i) {
      const isComment = sql[i] === '-' || sql[i] === '/';
      current += isComment ? ' ' : sql.slice(i, skipped);
      i = skipped - 1;
      continue;
    }
    const ch = sql[i];
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    if (depth === 0 && ch === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    if (depth === 0 && /^from\b/i.test(sql.slice(i, i + 5)) && !/[a-z0-9_.]/i.test(sql[i - 1] ?? ' ')) {
      parts.push(current);
      return { parts, from: withoutComments(sql.slice(i + 4)) };
    }
    current += ch;
  }
  parts.push(current);
  return { parts, from: undefined };
}

function withoutComments(sql: string): string {
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const skipped = endOfLiteralOrComment(sql, i);
    if (skipped > i) {
      out += sql[i] === '-' || sql[i] === '/' ? ' ' : sql.slice(i, skipped);
      i = skipped - 1;
    } else out += sql[i];
  }
  return out;
}
