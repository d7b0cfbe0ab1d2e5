import { horizonEnd, type SnapshotHorizon } from './snapshot-horizon';

const bound = new Date('2026-11-02T06:59:00Z');
const observedAt = '2026-11-02T07:00:05.250Z';
const horizon = (oldest?: string, observed = observedAt): SnapshotHorizon => ({
  snapshotXmin: '100', observedAt: observed ? new Date(observed) : undefined, oldestOpenXactStart: oldest ? new Date(oldest) : undefined, openWriters: oldest ? 1 : 0, observed: true,
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

  it('keeps the scheduled bound when the source clock is unknown', () => {
    expect(horizonEnd(bound, horizon(undefined, ''))).toEqual({ end: bound, limitedBy: 'schedule' });
  });
});
