import type { RunFigures, RunParameters } from '@northstar/core';
import { hasNightlyKeySet } from '@northstar/contracts';
import { countExtracted, extractNightlyKeySets, type ExtractionDeps, type ExtractionResult } from '@northstar/extract';
import { StripeObjectStream, type StripeEntity, type StripeStreamDeps } from './stripe-object-stream';

/**
 * Nightly mode: each entity the registry gives a key set, listed by
 * `created` over its lookback (no events: the list shows every object as it
 * is now, which is what a change no event carried needs), into its key set
 * and per-day digests.
 */
export async function extractStripeKeySets(run: RunParameters, entities: readonly StripeEntity[], deps: ExtractionDeps & StripeStreamDeps & { figures?: RunFigures }): Promise<ExtractionResult[]> {
  const results: ExtractionResult[] = [];
  for (const entity of entities.filter((e) => hasNightlyKeySet(e.contract))) {
    const logger = deps.logger.child({ entity: entity.contract.entity });
    const listed = await extractNightlyKeySets(run, new StripeObjectStream({ ...entity, eventTypes: [] }, { ...deps, logger }), { ...deps, logger });
    if (deps.figures) countExtracted(deps.figures, listed);
    results.push(...listed);
  }
  return results;
}
