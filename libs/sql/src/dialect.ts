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

/**
 * hash_key's md5, its first 32 bits as a non-negative integer: a per-row term
 * that sums to the same per-day figure in every engine (the digests' state_sum,
 * digestStateTerm in @northstar/contracts). `hexToInt` reads 8 hex digits.
 */
export function hashKeyInt(hexToInt: (hex: string) => string): (...parts: string[]) => string {
  return (...parts) => hexToInt(`substr(${hashKey(...parts)}, 1, 8)`);
}

/** A date literal argument ('YYYY-MM-DD') as its bare text; macros that build constants accept nothing else. */
function isoDateArg(arg: string, macro: string): string {
  const match = /^'(\d{4}-\d{2}-\d{2})'$/.exec(arg.trim());
  if (!match || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) throw new Error(`${macro}(): expected a 'YYYY-MM-DD' literal, got ${arg}`);
  return match[1];
}

/** Days from first to last, both included: Snowflake's generator needs the count as a constant. */
function daysInclusive(first: string, last: string): number {
  const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000 + 1;
  if (days < 1) throw new Error(`date_spine(): ${last} is before ${first}`);
  return days;
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
    hash_key_int: hashKeyInt((hex) => `cast('0x' || ${hex} as bigint)`),
    current_ts: () => 'current_timestamp',
    ts_type: () => 'timestamptz',
    json_text: (expr) => `cast(${expr} as varchar)`,
    /** A whole row (by its table alias) as JSON text, for quarantine records. */
    row_json: (alias) => `cast(to_json(${alias}) as varchar)`,
    /** An instant as fixed UTC text (microseconds), so keys hashed from it do not depend on session settings. */
    ts_key: (expr) => `strftime(timezone('UTC', ${expr}), '%Y-%m-%dT%H:%M:%S.%fZ')`,
    /** Midnight UTC of a constant day, as a timestamp with time zone. */
    utc_midnight: (day) => `cast('${isoDateArg(day, 'utc_midnight')} 00:00:00+00' as timestamptz)`,
    /** One row per day, first..last included, in a column named date_day. */
    date_spine: (first, last) =>
      `(select cast(range as date) as date_day from range(date '${isoDateArg(first, 'date_spine')}', date '${isoDateArg(last, 'date_spine')}' + interval 1 day, interval 1 day))`,
    iso_weekday: (expr) => `isodow(${expr})`,
    iso_week: (expr) => `weekofyear(${expr})`,
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
    hash_key_int: hashKeyInt((hex) => `to_number(${hex}, 'XXXXXXXX')`),
    current_ts: () => 'current_timestamp()',
    ts_type: () => 'timestamp_tz',
    json_text: (expr) => `to_json(${expr})`,
    // object_construct drops NULL-valued keys, and a quarantined row's null key is the reason it is there.
    row_json: (alias) => `to_json(object_construct_keep_null(${alias}.*))`,
    ts_key: (expr) => `to_varchar(convert_timezone('UTC', ${expr}), 'YYYY-MM-DD"T"HH24:MI:SS.FF6"Z"')`,
    utc_midnight: (day) => `to_timestamp_tz('${isoDateArg(day, 'utc_midnight')} 00:00:00 +00:00', 'YYYY-MM-DD HH24:MI:SS TZH:TZM')`,
    // seq4() may leave gaps; row_number() over it does not.
    date_spine: (first, last) => {
      const from = isoDateArg(first, 'date_spine');
      const days = daysInclusive(from, isoDateArg(last, 'date_spine'));
      return `(select dateadd(day, row_number() over (order by seq4()) - 1, to_date('${from}')) as date_day from table(generator(rowcount => ${days})))`;
    },
    iso_weekday: (expr) => `dayofweekiso(${expr})`,
    iso_week: (expr) => `weekiso(${expr})`,
  },
};

export function dialectFor(name: WarehouseDialectName): Dialect {
  return name === 'duckdb' ? duckdbDialect : snowflakeDialect;
}
