import { logSourceLag, type Logger, type RunFigures, type RunParameters } from '@northstar/core';
import { sourceRegistry } from '@northstar/contracts';
import { freshnessSloResult, measureSourceFreshness, recordQualityResult, type QualityResult } from '@northstar/models';
import type { Warehouse } from '@northstar/warehouse';

/**
 * The SLO per source: measured into ops.source_freshness, its result in
 * ops.dq_results, each lag a metric line and the largest in the run record.
 * Late data is still correct data: the results alert, they never fail the run.
 */
export async function checkFreshnessSlo(warehouse: Warehouse, run: RunParameters, logger: Logger, figures: RunFigures): Promise<QualityResult[]> {
  const deps = { warehouse, runId: run.runId, clock: () => new Date(), logger };
  const freshness = await measureSourceFreshness(sourceRegistry, deps);
  const results = freshness.map(freshnessSloResult);
  for (const result of results) await recordQualityResult(result, deps);
  for (const f of freshness) if (f.lagMinutes !== undefined) logSourceLag(logger, 'quality', f.source, f.lagMinutes, new Date());
  const lags = freshness.flatMap((f) => (f.lagMinutes === undefined ? [] : [f.lagMinutes]));
  if (lags.length > 0) figures.lagMinutes = Math.max(...lags);
  return results;
}
