import type { Row } from './warehouse';
import { decimalTextFromString, integerValue, isoDateFromDays, isoInstantFromMicros, microsFromDate } from './value-normalisation';

/** The column metadata snowflake-sdk gives for a result (a subset of its Column). */
export interface SnowflakeColumnLike {
  getName(): string;
  /** snowflake-sdk's type name: fixed, real, text, boolean, date, time, timestamp_tz|ltz|ntz, variant, object, array, binary. */
  getType(): string;
  getScale(): number;
}

/** Dates and timestamps arrive as the driver's SfDate: a Date that also knows its exact epoch seconds and nanoseconds. */
interface SfDateLike {
  getEpochSeconds(): number;
  getNanoSeconds(): number;
}

export type SnowflakeBind = string | number | boolean | null;

function isSfDate(value: unknown): value is SfDateLike {
  return typeof (value as SfDateLike | null)?.getEpochSeconds === 'function' && typeof (value as SfDateLike).getNanoSeconds === 'function';
}

function micros(value: unknown): bigint {
  if (isSfDate(value)) return BigInt(value.getEpochSeconds()) * 1_000_000n + BigInt(Math.floor(value.getNanoSeconds() / 1000));
  if (value instanceof Date) return microsFromDate(value);
  throw new Error(`expected a Snowflake timestamp, got ${String(value)}`);
}

/**
 * One value as snowflake-sdk returns it with `fetchAsString: ['Number', 'JSON']`
 * (numbers and semi-structured values as their exact text), in the shape every
 * adapter returns (see Row).
 */
export function normaliseSnowflakeValue(value: unknown, column: SnowflakeColumnLike): unknown {
  if (value === null || value === undefined) return null;
  switch (column.getType().toLowerCase()) {
    case 'fixed':
      return column.getScale() > 0 ? decimalTextFromString(String(value), column.getScale()) : integerValue(String(value));
    case 'real':
      return Number(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : /^(true|1)$/i.test(String(value));
    case 'date':
      return isSfDate(value) ? isoDateFromDays(Math.floor(value.getEpochSeconds() / 86_400)) : String(value).slice(0, 10);
    case 'timestamp_tz':
    case 'timestamp_ltz':
    case 'timestamp_ntz':
      return isoInstantFromMicros(micros(value));
    case 'variant':
    case 'object':
    case 'array':
    case 'map':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'binary':
      return Buffer.isBuffer(value) ? value.toString('hex') : String(value);
    default:
      return typeof value === 'object' ? String((value as { toJSON?: () => unknown }).toJSON?.() ?? value) : value;
  }
}

/** A row in array form (rowMode 'array') with its columns, keyed by lower-case column name. */
export function normaliseSnowflakeRow(columns: readonly SnowflakeColumnLike[], values: readonly unknown[]): Row {
  const row: Row = {};
  columns.forEach((column, i) => (row[column.getName().toLowerCase()] = normaliseSnowflakeValue(values[i], column)));
  return row;
}

/** snowflake-sdk binds only strings, numbers, booleans and null: wider values travel as exact text. */
export function snowflakeBind(value: unknown, index: number): SnowflakeBind {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoInstantFromMicros(microsFromDate(value)).replace(/Z$/, '+00:00');
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error(`bind parameter ${index + 1}: cannot bind a ${typeof value} (${Object.prototype.toString.call(value)})`);
}
