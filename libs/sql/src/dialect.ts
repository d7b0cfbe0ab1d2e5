import type { LogicalType } from '@northstar/contracts';
import { reservedWords } from './reserved-words';

/** The engines the models run on. */
export type WarehouseDialectName = 'duckdb' | 'snowflake';
/** Every engine the project sends SQL to: the warehouses and the orders DB. */
export type DialectName = WarehouseDialectName | 'postgres';

/**
 * The few places DuckDB and Snowflake spell things differently. Everything
 * else in the models is plain SQL both engines accept.
 */
export interface Dialect {
  readonly name: DialectName;
  quoteIdent(identifier: string): string;
  typeName(type: LogicalType): string;
  /** Placeholder for the n-th (1-based) bind parameter. */
  placeholder(index: number): string;
  /** A constant that is not a secret (a file path, a table name as text). */
  literal(value: string | number | boolean | null): string;
  /** Template macros, called as {{ name(arg, ...) }} with SQL-expression arguments. */
  readonly macros: Readonly<Record<string, (...args: string[]) => string>>;
}

const unquoted = /^[a-z_][a-z0-9_]*$/;

/** Plain lower-case names that are not keywords go bare, so rendered SQL stays readable. */
export function needsQuotes(identifier: string): boolean {
  return !unquoted.test(identifier) || reservedWords.has(identifier);
}

function quoteIdentWith(identifier: string, fold: (s: string) => string): string {
  if (!identifier) throw new Error('empty SQL identifier');
  return `"${fold(identifier).replace(/"/g, '""')}"`;
}

/** `escapeText` covers what the engine treats specially inside '...' besides the quote itself. */
function literalWith(escapeText: (s: string) => string): Dialect['literal'] {
  return (value) => {
    if (value === null) return 'null';
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
      return String(value);
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return `'${escapeText(value).replace(/'/g, "''")}'`;
  };
}

/**
 * Surrogate keys: md5 over the natural key parts, each written as
 * `<length>:<text>` (`~` for null). The length prefix keeps the encoding
 * unambiguous whatever the values contain: ('a|', 'b') and ('a', '|b') differ.
 */
function hashKey(...parts: string[]): string {
  const texts = parts.map((p) => {
    const text = `cast(${p} as varchar)`;
    return `coalesce(cast(length(${text}) as varchar) || ':' || ${text}, '~')`;
  });
  return `md5(${texts.join(` || `)})`;
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  // DuckDB is case-insensitive but case-preserving: lowercase names need no quotes.
  quoteIdent: (id) => (needsQuotes(id) ? quoteIdentWith(id, (s) => s) : id),
  typeName: (type) => {
    switch (type.kind) {
      case 'string': return 'varchar';
      case 'integer': return 'bigint';
      case 'double': return 'double';
      case 'decimal': return `decimal(${type.precision}, ${type.scale})`;
      case 'boolean': return 'boolean';
      case 'date': return 'date';
      case 'timestamp': return 'timestamptz';
      case 'json': return 'json';
    }
  },
  placeholder: (index) => `$${index}`,
  // DuckDB, like standard SQL, gives backslashes no meaning in '...'.
  literal: literalWith((s) => s),
  macros: {
    hash_key: hashKey,
    current_ts: () => 'current_timestamp',
    ts_type: () => 'timestamptz',
    json_text: (expr) => `cast(${expr} as varchar)`,
    /** A whole row (by its table alias) as JSON text, for quarantine records. */
    row_json: (alias) => `cast(to_json(${alias}) as varchar)`,
  },
};

export const snowflakeDialect: Dialect = {
  name: 'snowflake',
  // Snowflake folds unquoted names to upper case; quoting the upper-case form keeps both spellings equal.
  quoteIdent: (id) => (needsQuotes(id) ? quoteIdentWith(id, (s) => s.toUpperCase()) : id),
  typeName: (type) => {
    switch (type.kind) {
      case 'string': return 'varchar';
      case 'integer': return 'number(38, 0)';
      case 'double': return 'float';
      case 'decimal': return `number(${type.precision}, ${type.scale})`;
      case 'boolean': return 'boolean';
      case 'date': return 'date';
      case 'timestamp': return 'timestamp_tz';
      case 'json': return 'variant';
    }
  },
  placeholder: (index) => `:${index}`,
  // Snowflake reads backslash escapes inside '...': a path like C:\new would gain a newline.
  literal: literalWith((s) => s.replace(/\\/g, '\\\\')),
  macros: {
    hash_key: hashKey,
    current_ts: () => 'current_timestamp()',
    ts_type: () => 'timestamp_tz',
    json_text: (expr) => `to_json(${expr})`,
    row_json: (alias) => `to_json(object_construct(${alias}.*))`,
  },
};

export function dialectFor(name: WarehouseDialectName): Dialect {
  return name === 'duckdb' ? duckdbDialect : snowflakeDialect;
}
