import { monthOf, monthsBefore, retentionCutoff } from './retention-months';

describe('retention months', () => {
  it('keeps the 36 whole months before the current one, and the current one', () => {
    expect(retentionCutoff(new Date('2026-11-15T10:00:00Z'), 3).toISOString()).toBe('2023-11-01T00:00:00.000Z');
  });

  it('walks whole UTC months from the oldest row to the cutoff, across a year end', () => {
    const months = monthsBefore(new Date('2023-10-31T23:59:59Z'), new Date('2024-02-01T00:00:00Z'));
    expect(months.map((m) => m.label)).toEqual(['2023-10', '2023-11', '2023-12', '2024-01']);
    expect(monthOf(new Date('2023-12-31T23:00:00Z')).end.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });
});
