import { DataContractError, type Logger, type NorthstarConfig, type RunParameters } from '@northstar/core';
import { detectSchemaDrift, logicalTypeName } from '@northstar/contracts';
import { extractToRawZone, scheduledBound, windowFor, type ExtractionDeps, type ExtractionResult, type ShardSpec } from '@northstar/extract';
import type { WarehouseSession } from '@northstar/warehouse';
import type { OrdersDbSource } from './orders-db-source';
import { describeHorizon, horizonEnd, refuseScheduleAheadOfSource } from './snapshot-horizon';
import type { OrdersDbStream } from './streams';

export interface OrdersDbExtractionDeps extends ExtractionDeps {
  readonly config: Pick<NorthstarConfig, 'initialStart' | 'lookbackMs' | 'safetyLagMs' | 'openWriterWarnMs'>;
  readonly warehouse: WarehouseSession;
  readonly source: OrdersDbSource;
  readonly logger: Logger;
  /** This job's slice of an AWS Batch array job; undefined (or count 1) reads everything. */
  readonly shard?: ShardSpec;
}

/** Extracts each stream's window from one snapshot of the orders DB. */
export async function extractOrdersDb(run: RunParameters, streams: readonly OrdersDbStream[], deps: OrdersDbExtractionDeps): Promise<ExtractionResult[]> {
  refuseScheduleAheadOfSource(run.mode, run.scheduledAt, deps.source.horizon);
  logHorizon(run, deps);
  const results: ExtractionResult[] = [];
  for (const stream of streams) {
    const logger = deps.logger.child({ entity: stream.contract.entity });
    const { window, snapshot } = await snapshotWindow(run, stream, deps);
    const drift = await checkDrift(stream, deps.source);
    logger.info({ window: { start: window.start.toISOString(), end: window.end.toISOString() }, limitedBy: snapshot.limitedBy, shard: deps.shard, added: drift.added }, 'extracting');
    results.push(
      await extractToRawZone(
        {
          contract: stream.contract,
          runId: run.runId,
          mode: run.mode,
          scheduledAt: run.scheduledAt,
          window,
          proposedWatermark: window.end,
          openCsv: () => deps.source.copyWindow(stream.table, stream.contract, window, deps.shard),
          drift,
          snapshot,
          ...(run.window ? { requestedWindow: run.window } : {}),
          ...(deps.shard ? { shard: deps.shard } : {}),
        },
        { ...deps, logger },
      ),
    );
  }
  return results;
}

/**
 * The library's window, its end held at the snapshot's horizon: min(scheduled
 * bound, oldest open writer's start, the source's clock).
 */
async function snapshotWindow(run: RunParameters, stream: OrdersDbStream, deps: OrdersDbExtractionDeps) {
  const { end, limitedBy } = horizonEnd(scheduledBound(run, deps.config), deps.source.horizon);
  const window = await windowFor(stream.contract, run, deps, end);
  return { window, snapshot: describeHorizon(deps.source.horizon, limitedBy) };
}

/**
 * A writer left open holds every window's end at its start: correct, but
 * the warehouse stops moving forward until it commits, so a long hold is
 * logged as a warning (an alarm's hook) naming the session to look at.
 */
function logHorizon(run: RunParameters, deps: OrdersDbExtractionDeps): void {
  const horizon = deps.source.horizon;
  const fields = { snapshotXmin: horizon.snapshotXmin, oldestOpenXactStart: horizon.oldestOpenXactStart?.toISOString(), openWriters: horizon.openWriters };
  if (!horizon.observed) {
    deps.logger.warn({ ...fields, reason: horizon.unobservedReason }, 'open transactions not observable; the window ends at the scheduled bound or the source clock and only the lookback covers late commits');
    return;
  }
  deps.logger.info(fields, 'snapshot horizon');
  const heldBackMs = horizon.oldestOpenXactStart ? scheduledBound(run, deps.config).getTime() - horizon.oldestOpenXactStart.getTime() : 0;
  if (heldBackMs > deps.config.openWriterWarnMs) {
    const writer = horizon.oldestWriter;
    const heldBackMinutes = Math.round(heldBackMs / 60_000);
    deps.logger.warn(
      { ...fields, heldBackMinutes, writerPid: writer?.pid, writerApplication: writer?.applicationName },
      `window end held back ${heldBackMinutes} min by a transaction open since ${horizon.oldestOpenXactStart?.toISOString()} (pid ${writer?.pid ?? '?'}, application "${writer?.applicationName ?? '?'}"): rows after it wait until it ends`,
    );
  }
}

/** Added source columns are reported and ignored; missing or retyped ones stop the run (exit 3). */
export async function checkDrift(stream: OrdersDbStream, source: OrdersDbSource): Promise<{ added: string[] }> {
  const observed = await source.observedColumns(stream.table);
  if (observed.length === 0) throw new DataContractError(`orders DB: table "${stream.table}" does not exist or has no columns`);
  const drift = detectSchemaDrift(stream.contract, observed);
  if (drift.breaking) {
    const problems = [
      ...drift.missing.map((name) => `column "${name}" is missing`),
      ...drift.retyped.map((r) => `column "${r.name}" is ${logicalTypeName(r.observed)} in the source, the contract (v${stream.contract.version}) says ${logicalTypeName(r.expected)}`),
      ...drift.unsupported.map((u) => `column "${u.name}" is ${u.observed} in the source, a type the extractor does not read, the contract (v${stream.contract.version}) says ${logicalTypeName(u.expected)}`),
    ];
    throw new DataContractError(`orders DB table "${stream.table}": ${problems.join('; ')}`);
  }
  return { added: [...drift.added] };
}
