import type { Column } from './contract';

/**
 * The value of a contract column in a source record (an API object): read at
 * `column.source` (a dotted path) or `column.name`. Undefined when the path is
 * absent, null when the source sent null. An expanded object standing where
 * an id is expected (Stripe's `customer`, `charge`, ...) yields its `id`.
 */
export function sourceValue(record: unknown, column: Pick<Column, 'name' | 'source' | 'type'>): unknown {
  let value: unknown = record;
  for (const key of (column.source ?? column.name).split('.')) {
    if (value === null || typeof value !== 'object' || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (column.type.kind !== 'json' && value !== null && typeof value === 'object' && 'id' in value) {
    return (value as { id: unknown }).id;
  }
  return value;
}
