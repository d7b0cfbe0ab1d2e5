import { ConfigError } from './errors';
import { evaluateInTimeZone } from './testing';
import { dayRange, extractWindow, hourWindow, parseInstant } from './time-window';

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

describe('parseInstant', () => {
  it('reads a date or date-time without an offset as UTC, whatever the machine’s zone', () => {
    const values = ['2026-11-02T07:00:00', '2026-11-02T07:00', '2026-11-02 07:00', '2026-11-02', '2026-11-02T07:00:00.5'];
    const read = (zone: string) => evaluateInTimeZone(zone, `{
      offsetMinutes: new Date(2026, 10, 2).getTimezoneOffset(),
      read: ${JSON.stringify(values)}.map((value) => core.parseInstant(value, '--at').toISOString()),
    }`);
    const utc = ['2026-11-02T07:00:00.000Z', '2026-11-02T07:00:00.000Z', '2026-11-02T07:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-02T07:00:00.500Z'];
    expect(read('America/New_York')).toEqual({ offsetMinutes: 300, read: utc });
    expect(read('Asia/Kolkata')).toEqual({ offsetMinutes: -330, read: utc });
  });

  it('honours Z and explicit offsets', () => {
    expect(parseInstant('2026-11-02T07:00:00Z', '--at').toISOString()).toBe('2026-11-02T07:00:00.000Z');
    expect(parseInstant('2026-11-02T07:00:00+01:00', '--at').toISOString()).toBe('2026-11-02T06:00:00.000Z');
    expect(parseInstant('2026-11-02T07:00-05:30', '--at').toISOString()).toBe('2026-11-02T12:30:00.000Z');
    expect(parseInstant('2024-02-29T00:00:00Z', '--at').toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it.each(['2026-02-30T00:00:00Z', '2026-02-29', '2026-04-31T10:00:00Z', '2026-11-02T24:00:00Z', '2026-11-02T07:60Z', '2026-13-01T00:00:00Z'])(
    'refuses %s, a date or time that does not exist, instead of rolling it over',
    (value) => {
      expect(refusal(value, '--start')).toEqual(new ConfigError(`--start: expected an ISO-8601 instant such as 2026-11-29T10:00:00Z, got "${value}"`));
    },
  );

  it.each(['yesterday', '2026-11-02 garbage 7', '2026-11-02T07:00:00+25:00', '2026-11-02T07', ''])('refuses %j, naming the flag and the value', (value) => {
    expect(refusal(value, '--end')).toEqual(new ConfigError(`--end: expected an ISO-8601 instant such as 2026-11-29T10:00:00Z, got "${value}"`));
  });
});

function refusal(value: string, what: string): unknown {
  try {
    parseInstant(value, what);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error;
  }
  throw new Error(`parseInstant accepted "${value}"`);
}
