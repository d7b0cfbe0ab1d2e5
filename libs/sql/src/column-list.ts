import type { Dialect } from './dialect';
import { fragment, type SqlFragment } from './render-sql';

/** `a, b, c` (or `t.a, t.b, t.c` with a qualifier), each name quoted by the dialect. */
export function columnList(names: readonly string[], dialect: Dialect, qualifier?: string): SqlFragment {
  if (names.length === 0) throw new Error('a column list needs at least one column');
  const prefix = qualifier ? `${dialect.quoteIdent(qualifier)}.` : '';
  return fragment(names.map((name) => `${prefix}${dialect.quoteIdent(name)}`).join(', '));
}
