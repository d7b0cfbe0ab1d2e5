import type { ManifestSnapshot } from '@northstar/extract';

/**
 * What the run's snapshot says about writers still open when it was taken.
 * `oldestOpenXactStart` is undefined when none was open or when they could
 * not be seen (`observed` false: the server hides pg_stat_activity, as the
 * embedded PGlite or a role without pg_read_all_stats may).
 */
export interface SnapshotHorizon {
  readonly snapshotXmin: string | undefined;
  readonly oldestOpenXactStart: Date | undefined;
  /** The session of that oldest open transaction, to name it when it holds a window back. */
  readonly oldestWriter?: { readonly pid: number; readonly applicationName: string };
  readonly openWriters: number;
  readonly observed: boolean;
  /** Why the horizon could not be observed, for the log. */
  readonly unobservedReason?: string;
}

export type WindowEndReason = 'schedule' | 'open-transaction';

/**
 * The upper bound of a window read from this snapshot: the scheduled bound,
 * pulled back to the start of the oldest transaction still open, since that
 * transaction may yet commit rows stamped from its start onwards.
 */
export function horizonEnd(scheduledBound: Date, horizon: SnapshotHorizon): { end: Date; limitedBy: WindowEndReason } {
  const open = horizon.oldestOpenXactStart;
  if (open && open.getTime() < scheduledBound.getTime()) return { end: open, limitedBy: 'open-transaction' };
  return { end: scheduledBound, limitedBy: 'schedule' };
}

/** The horizon as it goes into manifests and logs. */
export function describeHorizon(horizon: SnapshotHorizon, limitedBy: WindowEndReason): ManifestSnapshot {
  return {
    snapshotXmin: horizon.snapshotXmin ?? null,
    oldestOpenXactStart: horizon.oldestOpenXactStart?.toISOString() ?? null,
    openWriters: horizon.openWriters,
    observed: horizon.observed,
    limitedBy,
  };
}
