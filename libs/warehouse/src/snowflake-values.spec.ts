import { fakeSnowflakeColumn as column } from './testing';
import { normaliseSnowflakeRow, normaliseSnowflakeValue, snowflakeBind } from './snowflake-values';

/** The driver's SfDate: a Date that also carries exact epoch seconds and nanoseconds. */
function sfDate(epochSeconds: number, nanoSeconds: number): Date {
  return Object.assign(new Date(epochSeconds * 1000 + Math.floor(nanoSeconds / 1e6)), { getEpochSeconds: () => epochSeconds, getNanoSeconds: () => nanoSeconds });
}

describe('Snowflake value normalisation (from snowflake-sdk row shapes)', () => {
  it('reads NUMBER text exactly: safe integers as numbers, wider ones as bigint, scaled ones as decimal text', () => {
    expect(normaliseSnowflakeValue('42', column('N', 'fixed'))).toBe(42);
    expect(normaliseSnowflakeValue('9007199254740993', column('N', 'fixed'))).toBe(9007199254740993n);
    expect(normaliseSnowflakeValue('12.3', column('N', 'fixed', 2))).toBe('12.30');
    expect(normaliseSnowflakeValue('-0.05', column('N', 'fixed', 2))).toBe('-0.05');
    expect(normaliseSnowflakeValue('0.1', column('F', 'real'))).toBe(0.1);
  });

  it('turns SfDate timestamps into UTC ISO text with microseconds, and dates into YYYY-MM-DD', () => {
    expect(normaliseSnowflakeValue(sfDate(1_796_032_800, 123_456_000), column('T', 'timestamp_tz', 9))).toBe('2026-11-30T10:00:00.123456Z');
    expect(normaliseSnowflakeValue(sfDate(1_796_032_800, 0), column('T', 'timestamp_ntz', 9))).toBe('2026-11-30T10:00:00Z');
    expect(normaliseSnowflakeValue(sfDate(20_421 * 86_400, 0), column('D', 'date'))).toBe('2025-11-29');
  });

  it('keeps text, booleans, JSON text and NULLs as such', () => {
    expect(normaliseSnowflakeValue('abc', column('S', 'text'))).toBe('abc');
    expect(normaliseSnowflakeValue(true, column('B', 'boolean'))).toBe(true);
    expect(normaliseSnowflakeValue('{\n  "a": 1\n}', column('V', 'variant'))).toBe('{\n  "a": 1\n}');
    expect(normaliseSnowflakeValue({ a: 1 }, column('V', 'object'))).toBe('{"a":1}');
    expect(normaliseSnowflakeValue(null, column('N', 'fixed'))).toBeNull();
    expect(normaliseSnowflakeValue(undefined, column('S', 'text'))).toBeNull();
  });

  it('keys a row by lower-case column name', () => {
    expect(normaliseSnowflakeRow([column('ORDER_ID', 'fixed'), column('Total', 'fixed', 2)], ['7', '1.5'])).toEqual({ order_id: 7, total: '1.50' });
  });

  it('binds what snowflake-sdk cannot carry as exact text', () => {
    expect(snowflakeBind(new Date('2026-11-29T10:00:00.123Z'), 0)).toBe('2026-11-29T10:00:00.123000+00:00');
    expect(snowflakeBind(2n ** 63n, 0)).toBe('9223372036854775808');
    expect(snowflakeBind(undefined, 0)).toBeNull();
    expect(snowflakeBind('x', 0)).toBe('x');
    expect(() => snowflakeBind({ a: 1 }, 2)).toThrow(/bind parameter 3/);
  });
});
