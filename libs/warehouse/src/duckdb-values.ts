import {
  BIGINT,
  DOUBLE,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  timestampTZValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { decimalText, integerValue, isoDateFromDays, isoInstantFromMicros, microsFromDate } from './value-normalisation';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export interface DuckDbBinds {
  readonly values: DuckDBValue[];
  /** Explicit types where DuckDB's own inference would pick a poor one; undefined lets it infer. */
  readonly types: (DuckDBType | undefined)[];
}

/** Bind values for DuckDB: Dates become TIMESTAMPTZ, bigints and whole numbers beyond 32 bits BIGINT when they fit (DuckDB would say HUGEINT, or wrap them into INTEGER). */
export function duckDbBinds(binds: readonly unknown[]): DuckDbBinds {
  const values: DuckDBValue[] = [];
  const types: (DuckDBType | undefined)[] = [];
  binds.forEach((value, index) => {
    if (value instanceof Date) {
      values.push(timestampTZValue(microsFromDate(value)));
      types.push(undefined);
    } else if (typeof value === 'bigint') {
      values.push(value);
      types.push(value >= INT64_MIN && value <= INT64_MAX ? BIGINT : undefined);
    } else if (typeof value === 'number' && Number.isInteger(value) && (value < INT32_MIN || value > INT32_MAX)) {
      // DuckDB's node binding binds every whole number as INTEGER and wraps what does not fit (4237829029 -> -57138267).
      values.push(Number.isSafeInteger(value) ? BigInt(value) : value);
      types.push(Number.isSafeInteger(value) ? BIGINT : DOUBLE);
    } else if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) {
      values.push((value ?? null) as DuckDBValue);
      types.push(undefined);
    } else {
      throw new Error(`bind parameter ${index + 1}: cannot bind a ${typeof value} (${Object.prototype.toString.call(value)})`);
    }
  });
  return { values, types };
}

/** One DuckDB result value in the shape every adapter returns (see Row). */
export function normaliseDuckDbValue(value: DuckDBValue, type: DuckDBType): unknown {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return integerValue(value as bigint);
    case DuckDBTypeId.DECIMAL: {
      const decimal = value as DuckDBDecimalValue;
      return decimalText(decimal.value, decimal.scale);
    }
    case DuckDBTypeId.DATE:
      return isoDateFromDays((value as DuckDBDateValue).days);
    case DuckDBTypeId.TIMESTAMP_TZ:
      return instant(value as DuckDBTimestampTZValue, (v) => v.micros);
    case DuckDBTypeId.TIMESTAMP:
      return instant(value as DuckDBTimestampValue, (v) => v.micros);
    case DuckDBTypeId.TIMESTAMP_S:
      return instant(value as DuckDBTimestampSecondsValue, (v) => v.seconds * 1_000_000n);
    case DuckDBTypeId.TIMESTAMP_MS:
      return instant(value as DuckDBTimestampMillisecondsValue, (v) => v.millis * 1000n);
    case DuckDBTypeId.TIMESTAMP_NS:
      return instant(value as DuckDBTimestampNanosecondsValue, (v) => v.nanos / 1000n);
    default:
      return typeof value === 'object' ? String(value) : value;
  }
}

/** Infinite timestamps have no ISO form; DuckDB's own text ('infinity') is the honest answer. */
function instant<V extends { readonly isFinite: boolean; toString(): string }>(value: V, micros: (v: V) => bigint): string {
  return value.isFinite ? isoInstantFromMicros(micros(value)) : value.toString();
}
