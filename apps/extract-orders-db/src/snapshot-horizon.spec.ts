import { ExitCode, exitCodeFor } from '@northstar/core';
import { horizonEnd, refuseScheduleAheadOfSource, type SnapshotHorizon } from './snapshot-horizon';

const bound = new Date('2026-11-02T06:59:00Z');
const observedAt = '2026-11-02T07:00:05.250Z';
const sourceClock = '2026-11-02T07:00:05.400Z';
const horizon = (oldest?: string, observed = observedAt): SnapshotHorizon => ({
  snapshotXmin: '100', sourceClock: new Date(sourceClock), observedAt: observed ? new Date(observed) : undefined, oldestOpenXactStart: oldest ? new Date(oldest) : undefined, openWriters: oldest ? 1 : 0, observed: true,
});

describe('horizonEnd', () => {
  it('keeps the scheduled bound with no open transaction', () => {
    expect(horizonEnd(bound, horizon())).toEqual({ end: bound, limitedBy: 'schedule' });
  });

  it('stops at the start of an open transaction that began before the bound', () => {
    expect(horizonEnd(bound, horizon('2026-11-02T06:40:00.123Z'))).toEqual({ end: new Date('2026-11-02T06:40:00.123Z'), limitedBy: 'open-transaction' });
  });

  it('ignores a transaction that began after the bound', () => {
    expect(horizonEnd(bound, horizon('2026-11-02T06:59:30Z'))).toEqual({ end: bound, limitedBy: 'schedule' });
  });

  it('never passes the source clock at the snapshot: a bound in the future reads up to then', () => {
    const future = new Date('2026-12-01T00:00:00Z');
    expect(horizonEnd(future, horizon())).toEqual({ end: new Date(observedAt), limitedBy: 'source-clock' });
    expect(horizonEnd(future, horizon('2026-11-02T06:40:00Z'))).toEqual({ end: new Date('2026-11-02T06:40:00Z'), limitedBy: 'open-transaction' });
  });

  it('keeps the scheduled bound when pg_stat_activity could not be read, but never passes the clock read in the snapshot', () => {
    expect(horizonEnd(bound, horizon(undefined, ''))).toEqual({ end: bound, limitedBy: 'schedule' });
    expect(horizonEnd(new Date('2027-06-01T00:00:00Z'), horizon(undefined, ''))).toEqual({ end: new Date(sourceClock), limitedBy: 'source-clock' });
  });

  it('refuses an hourly run scheduled more than an hour past the source clock (exit 2), not a backfill or the current hour', () => {
    const refused = (() => {
      try {
        refuseScheduleAheadOfSource('hourly', new Date('2026-11-02T09:00:00Z'), horizon());
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(exitCodeFor(refused)).toBe(ExitCode.badInput);
    expect(() => refuseScheduleAheadOfSource('hourly', new Date('2026-11-02T08:00:00Z'), horizon())).not.toThrow();
    expect(() => refuseScheduleAheadOfSource('backfill', new Date('2027-06-01T00:00:00Z'), horizon())).not.toThrow();
  });
});
