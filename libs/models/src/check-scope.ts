import type { RunMode } from '@northstar/core';

/**
 * What a quality check reads. `batch`: the rows this run wrote (its
 * `_run_id`), and for a key or a customer among them whatever else the rule
 * needs, so its cost follows the hour's changes, not the table's size.
 * `table`: the whole table, for rules that cannot be judged from a batch and
 * to catch what no batch shows (a row rewritten under an older run id).
 */
export type CheckScope = 'batch' | 'table';

export const checkScopes: readonly CheckScope[] = ['batch', 'table'];

/** Hourly runs and backfill chunks check their batch; the nightly run checks its batch and every whole table. */
export function checkScopesFor(mode: RunMode): readonly CheckScope[] {
  return mode === 'nightly' ? ['batch', 'table'] : ['batch'];
}

/** A check file's `-- scope:` header value. */
export function parseCheckScope(value: string | undefined, file: string): CheckScope {
  const scope = checkScopes.find((s) => s === value);
  if (!scope) throw new Error(`${file}: header "scope" must be ${checkScopes.join(' or ')} (batch: the rows this run wrote; table: the whole table, nightly)`);
  return scope;
}
