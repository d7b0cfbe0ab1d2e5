import { extractWindow, type NorthstarConfig, type RunParameters, type TimeWindow } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import type { WarehouseSession } from '@northstar/warehouse';
import { readWatermark } from './watermark-store';

export type WindowConfig = Pick<NorthstarConfig, 'initialStart' | 'lookbackMs' | 'safetyLagMs'>;

export interface WindowDeps {
  readonly warehouse: WarehouseSession;
  readonly config: WindowConfig;
}

/** Where a run reads up to before any limit the source itself sets: --end, or the scheduled hour minus the safety lag. */
export function scheduledBound(run: RunParameters, config: Pick<WindowConfig, 'safetyLagMs'>): Date {
  return run.window ? run.window.end : new Date(run.scheduledAt.getTime() - config.safetyLagMs);
}

/**
 * [watermark - lookback, end). `end` is the scheduled bound unless the source
 * knows an earlier one (the orders DB's oldest open writer). An explicit
 * (backfill) window keeps its start, but its end too stops at `end`, since
 * the watermark moves to it.
 */
export async function windowFor(contract: Pick<Contract, 'source' | 'entity'>, run: RunParameters, deps: WindowDeps, end: Date = scheduledBound(run, deps.config)): Promise<TimeWindow> {
  if (run.window) return { start: new Date(Math.min(run.window.start.getTime(), end.getTime())), end };
  const watermark = await readWatermark(deps.warehouse, contract);
  return extractWindow({ watermark, initialStart: deps.config.initialStart, now: end, lookbackMs: deps.config.lookbackMs, safetyLagMs: 0 });
}
