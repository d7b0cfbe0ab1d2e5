import { horizonEnd, type SnapshotHorizon } from './snapshot-horizon';

const bound = new Date('2026-11-02T06:59:00Z');
const horizon = (oldest?: string, observed = true): SnapshotHorizon => ({
  snapshotXmin: '100', oldestOpenXactStart: oldest ? new Date(oldest) : undefined, openWriters: oldest ? 1 : 0, observed,
});

describe('horizonEnd', () => {
  it('keeps the scheduled bound with no open writer', () => {
    expect(horizonEnd(bound, horizon())).toEqual({ end: bound, limitedBy: 'schedule' });
  });

  it('stops at the start of an open writer that began before the bound', () => {
    expect(horizonEnd(bound, horizon('2026-11-02T06:40:00.123Z'))).toEqual({ end: new Date('2026-11-02T06:40:00.123Z'), limitedBy: 'open-transaction' });
  });

  it('ignores a writer that began after the bound', () => {
    expect(horizonEnd(bound, horizon('2026-11-02T07:00:00Z'))).toEqual({ end: bound, limitedBy: 'schedule' });
  });
});
