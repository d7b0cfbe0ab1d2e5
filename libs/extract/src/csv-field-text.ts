import type { LogicalType } from '@northstar/contracts';

const INTEGER_TEXT = /^-?\d+$/;

/**
 * A source value as CSV field text the way the orders DB's COPY sends it,
 * so records take the same parts -> Parquet path: null stays null (an
 * unquoted empty field), text passes through for DuckDB to convert and
 * report by column, timestamps are ISO-8601 UTC. Numbers in a timestamp
 * column are Unix seconds, as the Stripe and Zendesk APIs send them.
 * Returns undefined for a value the column cannot hold (an object where a
 * scalar belongs, a fraction in an integer column).
 */
export function csvFieldText(value: unknown, type: LogicalType): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (type.kind === 'json') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return dateText(value, type);
  if (typeof value === 'bigint') return type.kind === 'integer' || type.kind === 'decimal' || type.kind === 'string' ? value.toString() : undefined;
  if (typeof value === 'boolean') return type.kind === 'boolean' || type.kind === 'string' ? String(value) : undefined;
  if (typeof value === 'number') return numberText(value, type);
  return undefined;
}

function dateText(value: Date, type: LogicalType): string | undefined {
  if (Number.isNaN(value.getTime())) return undefined;
  if (type.kind === 'timestamp') return value.toISOString();
  if (type.kind === 'date') return value.toISOString().slice(0, 10);
  return type.kind === 'string' ? value.toISOString() : undefined;
}

function numberText(value: number, type: LogicalType): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  switch (type.kind) {
    case 'integer':
      return Number.isSafeInteger(value) && INTEGER_TEXT.test(String(value)) ? String(value) : undefined;
    case 'double':
    case 'decimal':
    case 'string':
      return String(value);
    case 'timestamp':
      return new Date(value * 1000).toISOString();
    default:
      return undefined;
  }
}
