import type { SqlFragment } from '@northstar/sql';
import { duckdbDialect, fragment } from '@northstar/sql';
import type { ParquetColumn } from './parquet-column';
import { csvFieldName } from './read-csv-columns';

/** Session variable holding the mask key (set by sql/set_mask_key.sql). */
export const maskKeyVariable = 'northstar_mask_key';

/**
 * `c0 as id, sha256(outer || unhex(sha256(inner || encode(c1)))) as email, ...`:
 * the contract names, with masked columns HMAC-ed inside DuckDB from the key's
 * pads (see maskValue, maskKeyPads). `||` with NULL is NULL, so a missing
 * value stays missing.
 */
export function maskedSelectList(columns: readonly ParquetColumn[]): SqlFragment {
  const pads = `getvariable(${duckdbDialect.literal(maskKeyVariable)})`;
  const items = columns.map((column, index) => {
    const field = csvFieldName(index);
    const value = column.mask ? `sha256(${pads}[2] || unhex(sha256(${pads}[1] || encode(${field}))))` : field;
    return `${value} as ${duckdbDialect.quoteIdent(column.name)}`;
  });
  return fragment(items.join(',\n    '));
}
