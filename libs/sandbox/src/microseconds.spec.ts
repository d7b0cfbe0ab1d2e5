import { isoToMicros, microsToIso } from './microseconds';

describe('microsecond instants', () => {
  it('writes six fractional digits and reads them back', () => {
    const us = Date.UTC(2024, 6, 1, 12, 30, 15) * 1000 + 123_456;
    expect(microsToIso(us)).toBe('2024-07-01T12:30:15.123456Z');
    expect(isoToMicros('2024-07-01T12:30:15.123456Z')).toBe(us);
  });

  it('reads the text PostgreSQL writes', () => {
    expect(isoToMicros('2024-07-01 12:30:15.12+00')).toBe(Date.UTC(2024, 6, 1, 12, 30, 15) * 1000 + 120_000);
    expect(isoToMicros('2024-07-01T12:30:15+00:00')).toBe(Date.UTC(2024, 6, 1, 12, 30, 15) * 1000);
  });
});
