import { DataContractError } from '@northstar/core';
import type { QualityResult } from '@northstar/models';

/**
 * How the quality job ends: a failed `error` check stops the run with exit 3
 * (a data violation: retrying changes nothing), naming each with its first
 * detail; failed `warn` checks have alerted and let the run succeed.
 */
export function enforceQualityVerdict(results: readonly QualityResult[]): void {
  const failed = results.filter((r) => r.status === 'fail' && r.severity === 'error');
  if (failed.length === 0) return;
  throw new DataContractError(`blocking quality checks failed: ${failed.map((r) => (r.details ? `${r.check} (${r.details})` : `${r.check} (${r.failingRows} rows in ${r.table})`)).join(', ')}`);
}
