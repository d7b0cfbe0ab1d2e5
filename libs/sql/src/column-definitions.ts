import type { LogicalType } from '@northstar/contracts';
import type { Dialect } from './dialect';
import { fragment, type SqlFragment } from './render-sql';

export interface ColumnDefinition {
  readonly name: string;
  readonly type: LogicalType;
  /** Adds `not null` when false; left out means nullable. */
  readonly nullable?: boolean;
}

/**
 * `name type [not null]` per column, one per line and indented to sit in a
 * `(\n  {{ columns }}\n)` block of a template.
 */
export function columnDefinitions(columns: readonly ColumnDefinition[], dialect: Dialect): SqlFragment {
  if (columns.length === 0) throw new Error('a column list needs at least one column');
  const lines = columns.map((c) => `${dialect.quoteIdent(c.name)} ${dialect.typeName(c.type)}${c.nullable === false ? ' not null' : ''}`);
  return fragment(lines.join(',\n  '));
}
