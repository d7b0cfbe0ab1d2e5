import { ConfigError } from '@northstar/core';
import type { ManifestSnapshot } from '@northstar/extract';

/**
 * What the server said about open transactions just before the run's
 * snapshot was taken. `oldestOpenXactStart` is undefined when none was open
 * or when they could not be seen (`observed` false: the server hides
 * pg_stat_activity, as the embedded PGlite or a role without
 * pg_read_all_stats may).
 */
export interface SnapshotHorizon {
  readonly snapshotXmin: string | undefined;
  /**
   * The server's clock in the snapshot's first statement (source_clock.sql):
   * always read, so every window end is capped by it even when
   * pg_stat_activity is hidden.
   */
  readonly sourceClock: Date;
  /** The server's clock when it listed open transactions, just before the snapshot. */
  readonly observedAt: Date | undefined;
  readonly oldestOpenXactStart: Date | undefined;
  /** The session of that oldest open transaction, to name it when it holds a window back. */
  readonly oldestWriter?: { readonly pid: number; readonly applicationName: string };
  /** Open transactions of other applications: any of them may still write. */
  readonly openWriters: number;
  readonly observed: boolean;
  /** Why the horizon could not be observed, for the log. */
  readonly unobservedReason?: string;
}

export type WindowEndReason = ManifestSnapshot['limitedBy'];

/**
 * The upper bound of a window read from this snapshot: the scheduled bound,
 * pulled back to the start of the oldest transaction still open (it may yet
 * commit rows stamped from its start on) and never past the server's clock
 * when the snapshot was taken (rows stamped later may still arrive; a
 * backfill asked to end in the future reads up to now, not beyond).
 */
export function horizonEnd(scheduledBound: Date, horizon: SnapshotHorizon): { end: Date; limitedBy: WindowEndReason } {
  const bounds: { end: Date; limitedBy: WindowEndReason }[] = [
    { end: scheduledBound, limitedBy: 'schedule' },
    ...(horizon.oldestOpenXactStart ? [{ end: horizon.oldestOpenXactStart, limitedBy: 'open-transaction' as const }] : []),
    ...(horizon.observedAt ? [{ end: horizon.observedAt, limitedBy: 'source-clock' as const }] : []),
    { end: horizon.sourceClock, limitedBy: 'source-clock' },
  ];
  // The earliest wins; on a tie, the first listed names it.
  return bounds.reduce((earliest, b) => (b.end.getTime() < earliest.end.getTime() ? b : earliest));
}

/** The horizon as it goes into manifests and logs. */
export function describeHorizon(horizon: SnapshotHorizon, limitedBy: WindowEndReason): ManifestSnapshot {
  return {
    snapshotXmin: horizon.snapshotXmin ?? null,
    oldestOpenXactStart: horizon.oldestOpenXactStart?.toISOString() ?? null,
    openWriters: horizon.openWriters,
    observed: horizon.observed,
    limitedBy,
    sourceClock: horizon.sourceClock.toISOString(),
  };
}

/**
 * How far an hourly run's scheduled hour may lie past the source's clock. A
 * scheduled hour is floored, so a host clock running fast by less than this
 * passes (its window is capped at the source's clock anyway); an --at for a
 * later hour is a mistake that would otherwise read an empty window and exit 0.
 */
export const MAX_SCHEDULE_LEAD_MS = 60 * 60 * 1000;

export function refuseScheduleAheadOfSource(mode: string, scheduledAt: Date, horizon: SnapshotHorizon): void {
  if (mode !== 'hourly') return;
  const leadMs = scheduledAt.getTime() - horizon.sourceClock.getTime();
  if (leadMs <= MAX_SCHEDULE_LEAD_MS) return;
  throw new ConfigError(
    `the hourly run for ${scheduledAt.toISOString()} is ${Math.round(leadMs / 60_000)} min ahead of the orders DB's clock (${horizon.sourceClock.toISOString()}): ` +
      'pass an --at no later than the current hour, or check the host clock',
  );
}
