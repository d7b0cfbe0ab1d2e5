import type { RunParameters } from '@northstar/core';
import { digestContract, keySetContract, type Contract } from '@northstar/contracts';
import { extractToRawZone, type ExtractionResult } from '@northstar/extract';
import { checkDrift, type OrdersDbExtractionDeps } from './extract-orders-db';
import { describeHorizon, horizonEnd } from './snapshot-horizon';
import type { OrdersDbStream } from './streams';

/** Key sets cover the whole table, not a window: the window recorded is "since the epoch". */
const EPOCH = new Date(0);

/**
 * Nightly mode: each stream's full key set and per-day digests, both from the
 * run's one snapshot, landed like any entity (`<entity>_keys`,
 * `<entity>_digests`) so the loader and the reconciliation models need
 * nothing special.
 */
export async function extractReconciliation(run: RunParameters, streams: readonly OrdersDbStream[], deps: OrdersDbExtractionDeps): Promise<ExtractionResult[]> {
  // Every row stamped before this instant is in the snapshot (no transaction
  // that could still add one was open): the reconciliation judges only those,
  // so a row committed late is not taken for deleted. The clock stands in
  // when the server could not say.
  const { end: completeUpTo, limitedBy } = horizonEnd(deps.clock(), deps.source.horizon);
  const snapshot = describeHorizon(deps.source.horizon, limitedBy);
  // A whole-table read proposes its scheduled hour, but never past the source's clock (the loader refuses that).
  const proposed = new Date(Math.min(run.scheduledAt.getTime(), deps.source.horizon.sourceClock.getTime()));
  const results: ExtractionResult[] = [];
  for (const stream of streams) {
    await checkDrift(stream, deps.source);
    const derived: [Contract, () => AsyncIterable<Buffer>][] = [
      [keySetContract(stream.contract), () => deps.source.copyKeySet(stream.table, stream.contract)],
      [digestContract(stream.contract), () => deps.source.copyDigests(stream.table, stream.contract)],
    ];
    for (const [contract, openCsv] of derived) {
      const logger = deps.logger.child({ entity: contract.entity });
      logger.info({ snapshotXmin: snapshot.snapshotXmin }, 'extracting the whole table');
      results.push(
        await extractToRawZone(
          {
            contract,
            runId: run.runId,
            mode: run.mode,
            scheduledAt: run.scheduledAt,
            window: { start: EPOCH, end: proposed },
            proposedWatermark: proposed,
            openCsv,
            snapshot,
            extractedAt: completeUpTo,
          },
          { ...deps, logger },
        ),
      );
    }
  }
  return results;
}
