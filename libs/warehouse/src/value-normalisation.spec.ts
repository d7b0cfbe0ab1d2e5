import { decimalText, decimalTextFromString, integerValue, isoDateFromDays, isoInstantFromMicros, microsFromDate } from './value-normalisation';

describe('value normalisation', () => {
  it('keeps integers as numbers while exact, bigints beyond 2^53', () => {
    expect(integerValue(42n)).toBe(42);
    expect(integerValue('-9007199254740991')).toBe(-9007199254740991);
    expect(integerValue('9007199254740993')).toBe(9007199254740993n);
    expect(integerValue(-(2n ** 63n))).toBe(-(2n ** 63n));
  });

  it('writes decimals with exactly their scale', () => {
    expect(decimalText(1230n, 2)).toBe('12.30');
    expect(decimalText(-5n, 2)).toBe('-0.05');
    expect(decimalText(7n, 0)).toBe('7');
    expect(decimalTextFromString('12.3', 2)).toBe('12.30');
    expect(decimalTextFromString('-.5', 3)).toBe('-0.500');
    expect(decimalTextFromString('123456789012345678901234567890.12', 2)).toBe('123456789012345678901234567890.12');
    expect(() => decimalTextFromString('1.234', 2)).toThrow(/more than 2 decimal places/);
    expect(() => decimalTextFromString('abc', 2)).toThrow(/not a decimal/);
  });

  it('writes instants in UTC with microseconds only when present', () => {
    expect(isoInstantFromMicros(1_796_032_800_123_456n)).toBe('2026-11-30T10:00:00.123456Z');
    expect(isoInstantFromMicros(1_796_032_800_000_000n)).toBe('2026-11-30T10:00:00Z');
    expect(isoInstantFromMicros(-1n)).toBe('1969-12-31T23:59:59.999999Z');
    expect(isoInstantFromMicros(microsFromDate(new Date('2026-11-29T10:00:00.120Z')))).toBe('2026-11-29T10:00:00.120000Z');
  });

  it('writes dates as YYYY-MM-DD and refuses invalid Dates as binds', () => {
    expect(isoDateFromDays(0)).toBe('1970-01-01');
    expect(isoDateFromDays(20_421)).toBe('2025-11-29');
    expect(isoDateFromDays(-1)).toBe('1969-12-31');
    expect(() => microsFromDate(new Date('nonsense'))).toThrow(/invalid Date/);
  });
});
