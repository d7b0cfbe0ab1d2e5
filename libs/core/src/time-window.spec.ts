import { dayRange, extractWindow, hourWindow } from './time-window';

describe('time windows', () => {
  it('floors an instant to its UTC hour', () => {
    const w = hourWindow(new Date('2026-11-29T10:42:17.123Z'));
    expect(w.start.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-29T11:00:00.000Z');
  });

  it('covers a range with whole UTC days', () => {
    const days = dayRange({ start: new Date('2026-11-28T23:00:00Z'), end: new Date('2026-11-30T00:00:00Z') });
    expect(days.map((d) => d.start.toISOString().slice(0, 10))).toEqual(['2026-11-28', '2026-11-29']);
  });

  it('reaches back by the lookback and stops short by the safety lag', () => {
    const w = extractWindow({
      watermark: new Date('2026-11-29T10:00:00Z'),
      initialStart: new Date('2020-01-01T00:00:00Z'),
      now: new Date('2026-11-29T11:05:00Z'),
      lookbackMs: 3_600_000,
      safetyLagMs: 60_000,
    });
    expect(w.start.toISOString()).toBe('2026-11-29T09:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-29T11:04:00.000Z');
  });
});
