import type { RunParameters } from '@northstar/core';
import { extractRecordStream, type ExtractionResult, type RecordStreamDeps } from '@northstar/extract';
import { StripeObjectStream, type StripeEntity, type StripeStreamDeps } from './stripe-object-stream';

/**
 * Extracts each entity's window and events, one entity after another: they
 * share one rate limit, so running them side by side would only split it.
 */
export async function extractStripe(run: RunParameters, entities: readonly StripeEntity[], deps: RecordStreamDeps & StripeStreamDeps): Promise<ExtractionResult[]> {
  const results: ExtractionResult[] = [];
  for (const entity of entities) {
    const logger = deps.logger.child({ entity: entity.contract.entity });
    results.push(await extractRecordStream(new StripeObjectStream(entity, { ...deps, logger }), run, deps));
  }
  return results;
}
