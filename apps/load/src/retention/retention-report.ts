import { formatTextTable } from '@northstar/core';
import type { RetentionItem } from './retention-plan';

/** Per table and month: the rows and files that would go, or why they stay. */
export function formatRetentionPlan(items: readonly RetentionItem[], dryRun: boolean): string {
  if (items.length === 0) return 'nothing older than the hot period';
  const go = dryRun ? 'would delete' : 'delete';
  return formatTextTable(items.map((i) => ({
    table: i.table,
    month: i.month.label,
    rows: i.rows,
    files: i.files,
    action: i.problems.length === 0 ? go : `keep: ${i.problems.slice(0, 3).join('; ')}${i.problems.length > 3 ? ` (+${i.problems.length - 3} more)` : ''}`,
  })));
}
