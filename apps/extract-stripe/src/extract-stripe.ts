import type { RunFigures, RunParameters } from '@northstar/core';
import { countExtracted, extractRecordStream, type ExtractionResult, type RecordStreamDeps } from '@northstar/extract';
import { relistedGapNote, StripeObjectStream, type StripeEntity, type StripeStreamDeps } from './stripe-object-stream';

/**
 * Extracts each entity's window and events, one entity after another: they
 * share one rate limit, so running them side by side would only split it.
 * With `figures` (the run record's), the rows and bytes written and each events gap
 * re-listed by `created` (as a note, for ops.pipeline_runs.note) go there.
 */
export async function extractStripe(run: RunParameters, entities: readonly StripeEntity[], deps: RecordStreamDeps & StripeStreamDeps & { figures?: RunFigures }): Promise<ExtractionResult[]> {
  const { figures } = deps;
  const onGapRelisted: StripeStreamDeps['onGapRelisted'] = figures
    ? (gap) => {
        (figures.notes ??= []).push(relistedGapNote(gap));
        deps.onGapRelisted?.(gap);
      }
    : deps.onGapRelisted;
  const results: ExtractionResult[] = [];
  for (const entity of entities) {
    const logger = deps.logger.child({ entity: entity.contract.entity });
    const result = await extractRecordStream(new StripeObjectStream(entity, { ...deps, logger, onGapRelisted }), run, deps);
    if (figures) countExtracted(figures, [result]);
    results.push(result);
  }
  return results;
}
