import type { LogicalType } from '@northstar/contracts';

export type DialectName = 'duckdb' | 'snowflake';

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

function quoteIdentWith(identifier: string, fold: (s: string) => string): string {
  if (!identifier) throw new Error('empty SQL identifier');
  return `"${fold(identifier).replace(/"/g, '""')}"`;
}

function stringLiteral(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `'${value.replace(/'/g, "''")}'`;
}

/** Surrogate keys: md5 of the natural key parts joined by a separator no value contains unescaped. */
function hashKey(...parts: string[]): string {
  const texts = parts.map((p) => `coalesce(cast(${p} as varchar), '\u2400')`);
  return `md5(${texts.join(` || '|' || `)})`;
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  // DuckDB is case-insensitive but case-preserving: lowercase names need no quotes.
  quoteIdent: (id) => (unquoted.test(id) ? id : quoteIdentWith(id, (s) => s)),
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
  literal: stringLiteral,
  macros: {
    hash_key: hashKey,
    current_ts: () => 'current_timestamp',
    ts_type: () => 'timestamptz',
    json_text: (expr) => `cast(${expr} as varchar)`,
  },
};

export const snowflakeDialect: Dialect = {
  name: 'snowflake',
  // Snowflake folds unquoted names to upper case; quoting the upper-case form keeps both spellings equal.
  quoteIdent: (id) => (unquoted.test(id) ? id : quoteIdentWith(id, (s) => s.toUpperCase())),
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
  literal: stringLiteral,
  macros: {
    hash_key: hashKey,
    current_ts: () => 'current_timestamp()',
    ts_type: () => 'timestamp_tz',
    json_text: (expr) => `to_json(${expr})`,
  },
};

export function dialectFor(name: DialectName): Dialect {
  return name === 'duckdb' ? duckdbDialect : snowflakeDialect;
}
