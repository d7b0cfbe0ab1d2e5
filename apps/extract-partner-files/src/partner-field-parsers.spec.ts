import { decimalParser, integerParser, timestampParser } from './partner-field-parsers';

describe('partner field parsers', () => {
  it('reads ISO-8601 date-times with an offset from their fixed positions, refusing days, hours and offsets that do not exist', () => {
    const iso = timestampParser({ dateFormat: 'iso', utcOffset: '+00:00' });
    const read = (text: string) => {
      const parsed = iso(text);
      return parsed.ok ? parsed.value : null;
    };
    expect(read('2026-11-02T10:00:00Z')).toBe('2026-11-02T10:00:00.000Z');
    expect(read('2026-11-02 10:00Z')).toBe('2026-11-02T10:00:00.000Z');
    expect(read('2026-11-02T10:00:00.123456Z')).toBe('2026-11-02T10:00:00.123Z');
    expect(read('2026-11-02T10:00:00.5+01:00')).toBe('2026-11-02T09:00:00.500Z');
    expect(read('2026-11-02T10:00:00-0230')).toBe('2026-11-02T12:30:00.000Z');
    expect(read('2024-02-29T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    for (const text of ['2026-02-30T00:00:00Z', '2026-13-01T00:00Z', '2026-11-00T00:00Z', '2026-11-02T24:00:00Z', '2026-11-02T10:60Z', '2026-11-02T10:00:60Z', '2026-11-02T10:00:00+25:00', '2026-11-02T10:00:00', 'yesterday']) {
      expect([text, iso(text)]).toEqual([text, { ok: false, expected: 'an ISO-8601 date-time with an offset (2026-11-02T10:00:00Z)' }]);
    }
  });

  it("reads a partner's date-time pattern in its UTC offset, refusing days that do not exist", () => {
    const local = timestampParser({ dateFormat: 'dd.MM.yyyy HH:mm:ss', utcOffset: '+01:00' });
    const read = (text: string) => {
      const parsed = local(text);
      return parsed.ok ? parsed.value : parsed.expected;
    };
    expect(read('02.11.2026 01:00:00')).toBe('2026-11-02T00:00:00.000Z');
    expect(read('29.02.2024 12:30:15')).toBe('2024-02-29T11:30:15.000Z');
    expect([read('29.02.2026 12:30:15'), read('02.11.2026 24:00:00'), read('2026-11-02T10:00:00Z')]).toEqual(Array(3).fill('a date-time as dd.MM.yyyy HH:mm:ss (UTC+01:00)'));
    const withMillis = timestampParser({ dateFormat: 'yyyy/MM/dd HH:mm:ss.SSS', utcOffset: '-05:00' });
    expect(withMillis('2026/11/02 10:00:00.5')).toEqual({ ok: true, value: '2026-11-02T15:00:00.500Z' });
    // Date.UTC would read year 50 as 1950.
    expect(withMillis('0050/03/01 00:00:00.000')).toEqual({ ok: true, value: '0050-03-01T05:00:00.000Z' });
  });

  it('writes every instant as Date.toISOString does, across days, years and the ends of the four-digit years', () => {
    const iso = timestampParser({ dateFormat: 'iso', utcOffset: '+00:00' });
    const texts = ['0000-02-29T12:00:00Z', '0050-03-01T00:00:00Z', '0099-12-31T23:30:00-01:00', '0100-01-01T00:00:00Z', '0100-01-01T00:30:00+01:00', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00Z', '2024-02-29T23:59:59.999+00:00', '2026-11-02T10:00:00.5-05:00', '9999-12-31T23:59:59.999Z', '9999-12-31T23:00:00-02:00'];
    for (let i = 0; i < 2000; i++) texts.push(new Date(Date.UTC(2026, 0, 1) + i * 7_919_993_117).toISOString());
    for (const text of texts) {
      const parsed = iso(text);
      expect([text, parsed]).toEqual([text, { ok: true, value: new Date(Date.parse(text)).toISOString() }]);
    }
  });

  it('reads numbers plain or grouped, with a decimal point or comma, as decimal text', () => {
    const point = decimalParser({ decimalComma: false, thousandsSeparator: ',' }, 3);
    const comma = decimalParser({ decimalComma: true, thousandsSeparator: '.' }, 3);
    const values = (parse: typeof point, texts: string[]) => texts.map((t) => {
      const parsed = parse(t);
      return parsed.ok ? parsed.value : null;
    });
    expect(values(point, ['1234.5', '-0.125', '007', '1,234.5', '12,34', '1.2345', '.5', '5.', '-', '', '1e3'])).toEqual(['1234.5', '-0.125', '007', '1234.5', null, null, null, null, null, null, null]);
    expect(values(comma, ['1234,5', '1.234,5', '-2,75', '1,2345', '1.23'])).toEqual(['1234.5', '1234.5', '-2.75', null, null]);
    const integer = integerParser({ decimalComma: false, thousandsSeparator: ',' });
    expect(['1001', '1,001', '9007199254740993', '1.5'].map((t) => integer(t))).toEqual([
      { ok: true, value: 1001 }, { ok: true, value: 1001 }, { ok: false, expected: 'a whole number below 2^53' }, { ok: false, expected: 'a whole number' },
    ]);
  });
});
