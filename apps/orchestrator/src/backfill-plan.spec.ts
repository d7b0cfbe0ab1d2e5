import { planBackfill } from './backfill-plan';

describe('planBackfill', () => {
  it('cuts the window into UTC day chunks, the ends cut to the window, each with its own stable run id', () => {
    const chunks = planBackfill({ start: new Date('2026-11-01T12:00:00Z'), end: new Date('2026-11-03T06:00:00Z') });
    expect(chunks.map((c) => [c.window?.start.toISOString(), c.window?.end.toISOString(), c.runId])).toEqual([
      ['2026-11-01T12:00:00.000Z', '2026-11-02T00:00:00.000Z', 'backfill-20261101T12-20261102T00'],
      ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z', 'backfill-20261102T00-20261103T00'],
      ['2026-11-03T00:00:00.000Z', '2026-11-03T06:00:00.000Z', 'backfill-20261103T00-20261103T06'],
    ]);
    expect(chunks.every((c) => c.mode === 'backfill')).toBe(true);
    expect(planBackfill({ start: new Date('2026-11-01T12:00:00Z'), end: new Date('2026-11-03T06:00:00Z') })).toEqual(chunks);
  });

  it('plans 90 days as 90 chunks', () => {
    expect(planBackfill({ start: new Date('2026-08-01T00:00:00Z'), end: new Date('2026-10-30T00:00:00Z') })).toHaveLength(90);
  });
});
