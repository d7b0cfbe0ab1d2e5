import type { DialectName } from './dialect';

type TypeArgs = readonly number[];
type Synonyms = Readonly<Record<string, (args: TypeArgs) => string>>;

const same = (key: string) => () => key;
const named = (key: string, ...spellings: string[]) => Object.fromEntries(spellings.map((s) => [s, same(key)]));

/** DuckDB's type names and their aliases, as its catalog reports them back. */
const duckdbTypes: Synonyms = {
  ...named('varchar', 'varchar', 'char', 'bpchar', 'text', 'string', 'character', 'character varying', 'nvarchar'),
  ...named('bigint', 'bigint', 'int8', 'long'),
  ...named('integer', 'integer', 'int', 'int4', 'signed'),
  ...named('smallint', 'smallint', 'int2', 'short'),
  ...named('tinyint', 'tinyint', 'int1'),
  ...named('hugeint', 'hugeint', 'int128'),
  ...named('double', 'double', 'float8', 'double precision'),
  ...named('float', 'float', 'float4', 'real'),
  // A bare decimal is DECIMAL(18,3); decimal(p) has scale 0.
  ...Object.fromEntries(['decimal', 'numeric'].map((s) => [s, (a: TypeArgs) => `decimal(${a[0] ?? 18},${a.length ? (a[1] ?? 0) : 3})`])),
  ...named('boolean', 'boolean', 'bool', 'logical'),
  ...named('date', 'date'),
  ...named('timestamptz', 'timestamptz', 'timestamp with time zone'),
  ...named('timestamp', 'timestamp', 'datetime', 'timestamp without time zone'),
  ...named('json', 'json'),
};

/**
 * Snowflake's: every integer type is NUMBER(38,0) and every float FLOAT. A
 * bare TIMESTAMP is left out: which variant it is depends on the account's
 * TIMESTAMP_TYPE_MAPPING.
 */
const snowflakeTypes: Synonyms = {
  ...named('text', 'varchar', 'char', 'character', 'string', 'text', 'nchar', 'nvarchar', 'nvarchar2', 'char varying', 'nchar varying', 'character varying'),
  ...Object.fromEntries(['number', 'decimal', 'numeric'].map((s) => [s, (a: TypeArgs) => `number(${a[0] ?? 38},${a[1] ?? 0})`])),
  ...named('number(38,0)', 'int', 'integer', 'bigint', 'smallint', 'tinyint', 'byteint'),
  ...named('float', 'float', 'float4', 'float8', 'double', 'double precision', 'real'),
  ...named('boolean', 'boolean'),
  ...named('date', 'date'),
  ...named('timestamp_tz', 'timestamp_tz', 'timestamptz', 'timestamp with time zone'),
  ...named('timestamp_ntz', 'timestamp_ntz', 'timestampntz', 'datetime', 'timestamp without time zone'),
  ...named('timestamp_ltz', 'timestamp_ltz', 'timestampltz', 'timestamp with local time zone'),
  ...named('variant', 'variant'),
  ...named('object', 'object'),
  ...named('array', 'array'),
  ...named('binary', 'binary', 'varbinary'),
};

// Only the warehouses: nothing compares the orders DB's catalog.
const typesOf: Partial<Record<DialectName, Synonyms>> = { duckdb: duckdbTypes, snowflake: snowflakeTypes };

/**
 * One spelling for each type an engine stores: a model's `bigint` and
 * Snowflake's catalog `NUMBER(38,0)`, or `decimal(14, 2)` and DuckDB's
 * `DECIMAL(14,2)`, come out equal. String lengths and timestamp precisions
 * are not part of the key. Undefined for a spelling not listed here, so a
 * caller compares only what it can compare rather than guess.
 */
export function typeKey(dialect: DialectName, spelling: string): string | undefined {
  const text = spelling.toLowerCase().replace(/\s+/g, ' ').trim();
  const args = /\(([^)]*)\)/.exec(text)?.[1].split(',').map((a) => Number(a.trim())) ?? [];
  if (args.some((a) => !Number.isInteger(a))) return undefined;
  const base = text.replace(/\s*\([^)]*\)\s*/, ' ').trim();
  const types = typesOf[dialect];
  return types && Object.hasOwn(types, base) ? types[base](args) : undefined;
}
