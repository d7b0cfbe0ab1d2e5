import type { PartnerFormat } from '@northstar/contracts';

/** A field's text read as a value, or the expectation it failed (for ops.quarantine). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

const TOKENS: Readonly<Record<string, string>> = { yyyy: '(\\d{4})', MM: '(\\d{1,2})', dd: '(\\d{1,2})', HH: '(\\d{1,2})', mm: '(\\d{2})', ss: '(\\d{2})', SSS: '(\\d{1,6})' };

/** Reads a partner's date-time texts: ISO-8601 with an offset, or the partner's pattern in its UTC offset. */
export function timestampParser(format: Pick<PartnerFormat, 'dateFormat' | 'utcOffset'>): (text: string) => Parsed<Date> {
  if (format.dateFormat === 'iso') {
    const expected = 'an ISO-8601 date-time with an offset (2026-11-02T10:00:00Z)';
    return (text) => {
      const ms = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) ? Date.parse(text.replace(' ', 'T')) : NaN;
      return Number.isNaN(ms) ? { ok: false, expected } : { ok: true, value: new Date(ms) };
    };
  }
  const order: string[] = [];
  const source = format.dateFormat.replace(/yyyy|MM|dd|HH|mm|ss|SSS|[.*+?^${}()|[\]\\]/g, (token) => {
    if (!(token in TOKENS)) return `\\${token}`;
    order.push(token);
    return TOKENS[token];
  });
  const pattern = new RegExp(`^${source}$`);
  const [sign, hours, minutes] = [format.utcOffset[0] === '-' ? -1 : 1, Number(format.utcOffset.slice(1, 3)), Number(format.utcOffset.slice(4, 6))];
  const offsetMs = sign * (hours * 60 + minutes) * 60_000;
  const expected = `a date-time as ${format.dateFormat} (UTC${format.utcOffset})`;
  return (text) => {
    const match = pattern.exec(text);
    if (!match) return { ok: false, expected };
    const part = (token: string, fallback: number) => {
      const i = order.indexOf(token);
      return i < 0 ? fallback : Number(token === 'SSS' ? match[i + 1].padEnd(3, '0').slice(0, 3) : match[i + 1]);
    };
    const [year, month, day, hour, minute, second, milli] = [part('yyyy', 0), part('MM', 1), part('dd', 1), part('HH', 0), part('mm', 0), part('ss', 0), part('SSS', 0)];
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, milli);
    // Date.UTC rolls 31.02 over into March; a date that does not exist is an error, not another day.
    const check = new Date(utc);
    if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return { ok: false, expected };
    return { ok: true, value: new Date(utc - offsetMs) };
  };
}

/**
 * Reads a partner's numbers as plain decimal text ("1234.5"): the decimal
 * comma and digit grouping of its format removed, so DuckDB and Snowflake
 * convert them exactly. Grouping must be in threes, or the text is refused.
 */
export function decimalParser(format: Pick<PartnerFormat, 'decimalComma' | 'thousandsSeparator'>, scale: number): (text: string) => Parsed<string> {
  const point = format.decimalComma ? ',' : '.';
  const group = format.thousandsSeparator;
  const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const integer = group ? `(\\d{1,3}(?:${esc(group)}\\d{3})+|\\d+)` : '(\\d+)';
  const pattern = new RegExp(`^(-?)${integer}(?:${esc(point)}(\\d+))?$`);
  const expected = `a number like ${group ? `1${group}234` : '1234'}${point}5${scale > 0 ? ` with at most ${scale} decimals` : ' without decimals'}`;
  return (text) => {
    const match = pattern.exec(text);
    if (!match || (match[3]?.length ?? 0) > scale) return { ok: false, expected };
    const digits = group ? match[2].split(group).join('') : match[2];
    return { ok: true, value: `${match[1]}${digits}${match[3] ? `.${match[3]}` : ''}` };
  };
}

/** Whole numbers (ids): digit grouping allowed, as spreadsheets add it. */
export function integerParser(format: Pick<PartnerFormat, 'decimalComma' | 'thousandsSeparator'>): (text: string) => Parsed<number> {
  const decimal = decimalParser(format, 0);
  return (text) => {
    const parsed = decimal(text);
    if (!parsed.ok) return { ok: false, expected: 'a whole number' };
    const value = Number(parsed.value);
    return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, expected: 'a whole number below 2^53' };
  };
}
