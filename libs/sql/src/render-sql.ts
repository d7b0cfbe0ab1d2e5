import type { Dialect } from './dialect';
import { endOfLiteralOrComment } from './sql-scanner';
import type { SqlTemplate } from './sql-template';

/** SQL text made by this library's builders, safe to splice into a template. */
export interface SqlFragment {
  readonly kind: 'sql-fragment';
  readonly sql: string;
}

export function fragment(sql: string): SqlFragment {
  return { kind: 'sql-fragment', sql };
}

export interface RenderInput {
  /** Values, sent as bind parameters: `:name` in the template. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Identifiers (dotted for schema.table), quoted by the dialect: `{{ name }}`. */
  readonly idents?: Readonly<Record<string, string>>;
  /** Pre-built SQL from this library: `{{ name }}`. */
  readonly fragments?: Readonly<Record<string, SqlFragment>>;
}

export interface RenderedSql {
  readonly sql: string;
  readonly binds: unknown[];
}

/** Sticky: tried only where a `{{` stands. */
const placeholderPattern = /\{\{\s*([a-z_][a-z0-9_]*)\s*(?:\(([^}]*)\))?\s*\}\}/iy;

/**
 * The one renderer: every statement the project runs passes through here.
 * String literals and comments are copied untouched, so neither a `:x` nor
 * a `{{ x }}` inside them is mistaken for a parameter or a placeholder.
 */
export function renderSql(template: SqlTemplate | string, dialect: Dialect, input: RenderInput = {}): RenderedSql {
  const text = typeof template === 'string' ? template : template.body;
  const where = typeof template === 'string' ? 'inline SQL' : template.file;
  return bindParameters(expandPlaceholders(text, dialect, input, where), dialect, input.params ?? {}, where);
}

function expandPlaceholders(text: string, dialect: Dialect, input: RenderInput, where: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const skip = endOfLiteralOrComment(text, i);
    if (skip > i) {
      out += text.slice(i, skip);
      i = skip;
      continue;
    }
    if (text[i] === '{' && text[i + 1] === '{') {
      placeholderPattern.lastIndex = i;
      const match = placeholderPattern.exec(text);
      if (match) {
        out += expand(match[1], match[2], dialect, input, where);
        i = placeholderPattern.lastIndex;
        continue;
      }
    }
    out += text[i];
    i++;
  }
  return out;
}

function expand(name: string, args: string | undefined, dialect: Dialect, input: RenderInput, where: string): string {
  if (args !== undefined) {
    const macro = dialect.macros[name];
    if (!macro) throw new Error(`${where}: unknown macro ${name}() for ${dialect.name}`);
    return macro(...splitArgs(args));
  }
  const ident = input.idents?.[name];
  if (ident !== undefined) return ident.split('.').map((part) => dialect.quoteIdent(part)).join('.');
  const frag = input.fragments?.[name];
  if (frag !== undefined) return frag.sql;
  throw new Error(`${where}: nothing given for {{ ${name} }}`);
}

function splitArgs(args: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of args) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function bindParameters(sql: string, dialect: Dialect, params: Readonly<Record<string, unknown>>, where: string): RenderedSql {
  const binds: unknown[] = [];
  const order = new Map<string, number>();
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const skip = endOfLiteralOrComment(sql, i);
    if (skip > i) {
      out += sql.slice(i, skip);
      i = skip;
      continue;
    }
    const match = ch === ':' && startsParameter(sql, i) ? /^:([a-z_][a-z0-9_]*)/i.exec(sql.slice(i)) : null;
    if (!match) {
      out += ch;
      i++;
      continue;
    }
    const name = match[1];
    if (!(name in params)) throw new Error(`${where}: no value given for parameter :${name}`);
    if (params[name] === undefined) throw new Error(`${where}: parameter :${name} is undefined (pass null for SQL NULL)`);
    let index = order.get(name);
    if (index === undefined) {
      index = binds.push(params[name]);
      order.set(name, index);
    }
    out += dialect.placeholder(index);
    i += match[0].length;
  }
  return { sql: out, binds };
}

/**
 * A `:` starts a parameter unless it is part of `::` (a cast) or follows a
 * name, quoted name or closing bracket: Snowflake reads `payload:status` as a path
 * into a variant, and `x[1]:y` likewise.
 */
function startsParameter(sql: string, i: number): boolean {
  const before = sql[i - 1] ?? ' ';
  return before !== ':' && sql[i + 1] !== ':' && !/[A-Za-z0-9_")\]]/.test(before);
}
