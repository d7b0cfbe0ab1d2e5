import type { Column } from './contract';

/**
 * The value of a contract column in a source record (an API object): read at
 * `column.source` (a dotted path) or `column.name`. Undefined when the path is
 * absent, null when the source sent null. An expanded object standing where
 * an id is expected (Stripe's `customer`, `charge`, ...) yields its `id`.
 */
export function sourceValue(record: unknown, column: Pick<Column, 'name' | 'source' | 'type'>): unknown {
  return sourceValueReader(column)(record);
}

/**
 * sourceValue for one column, its path split once: the extract runtime reads
 * every column of every record (splitting per read was 8% of a partner
 * file's extract, docs/performance.md D22).
 */
export function sourceValueReader(column: Pick<Column, 'name' | 'source' | 'type'>): (record: unknown) => unknown {
  const keys = (column.source ?? column.name).split('.');
  const unwrapsId = column.type.kind !== 'json';
  return (record) => {
    let value: unknown = record;
    for (let k = 0; k < keys.length; k++) {
      if (value === null || typeof value !== 'object' || !(keys[k] in value)) return undefined;
      value = (value as Record<string, unknown>)[keys[k]];
    }
    if (unwrapsId && value !== null && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id;
    return value;
  };
}
