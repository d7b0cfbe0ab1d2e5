import type { SqlFragment } from '@northstar/sql';
import { duckdbDialect, fragment } from '@northstar/sql';
import type { ParquetColumn } from './parquet-column';

/** Positional name of the n-th CSV field; contract names are applied in the select list. */
export function csvFieldName(index: number): string {
  return `c${index}`;
}

/**
 * read_csv's `columns = {'c0': 'bigint', ...}` struct. Masked fields are read
 * as varchar: the hash is taken over the text the source sent. `asText`
 * reads every field as varchar, so a record that does not convert still reads.
 */
export function readCsvColumns(columns: readonly ParquetColumn[], asText = false): SqlFragment {
  const entries = columns.map((column, index) => {
    const type = column.mask || asText ? 'varchar' : duckdbDialect.typeName(column.type);
    return `${duckdbDialect.literal(csvFieldName(index))}: ${duckdbDialect.literal(type)}`;
  });
  return fragment(`{${entries.join(', ')}}`);
}
