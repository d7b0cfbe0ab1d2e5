import type { PartnerFormat } from '@northstar/contracts';

/** A field's text read as a value, or the expectation it failed (for ops.quarantine). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

const TOKENS: Readonly<Record<string, string>> = { yyyy: '(\\d{4})', MM: '(\\d{1,2})', dd: '(\\d{1,2})', HH: '(\\d{1,2})', mm: '(\\d{2})', ss: '(\\d{2})', SSS: '(\\d{1,6})' };

/**
 * Reads a partner's date-time texts (ISO-8601 with an offset, or the
 * partner's pattern in its UTC offset) as the instant's ISO-8601 UTC text
 * with milliseconds, as Date.toISOString writes it: the text the Parquet
 * writer reads, made without a Date per row (docs/performance.md D24).
 */
export function timestampParser(format: Pick<PartnerFormat, 'dateFormat' | 'utcOffset'>): (text: string) => Parsed<string> {
  const iso = isoTextWriter();
  if (format.dateFormat === 'iso') {
    const failed: Parsed<string> = { ok: false, expected: 'an ISO-8601 date-time with an offset (2026-11-02T10:00:00Z)' };
    return (text) => {
      const ms = ISO_WITH_OFFSET.test(text) ? isoMillis(text) : NaN;
      return Number.isNaN(ms) ? failed : { ok: true, value: iso(ms) };
    };
  }
  const order: string[] = [];
  const source = format.dateFormat.replace(/yyyy|MM|dd|HH|mm|ss|SSS|[.*+?^${}()|[\]\\]/g, (token) => {
    if (!(token in TOKENS)) return `\\${token}`;
    order.push(token);
    return TOKENS[token];
  });
  const pattern = new RegExp(`^${source}$`);
  // The match group of each part, found once: 0 when the pattern lacks it.
  const group = (token: string) => order.indexOf(token) + 1;
  const [y, mo, d, h, mi, se, ms] = ['yyyy', 'MM', 'dd', 'HH', 'mm', 'ss', 'SSS'].map(group);
  const [sign, hours, minutes] = [format.utcOffset[0] === '-' ? -1 : 1, Number(format.utcOffset.slice(1, 3)), Number(format.utcOffset.slice(4, 6))];
  const offsetMs = sign * (hours * 60 + minutes) * 60_000;
  const failed: Parsed<string> = { ok: false, expected: `a date-time as ${format.dateFormat} (UTC${format.utcOffset})` };
  return (text) => {
    const match = pattern.exec(text);
    if (!match) return failed;
    const year = y ? Number(match[y]) : 0;
    const month = mo ? Number(match[mo]) : 1;
    const day = d ? Number(match[d]) : 1;
    const hour = h ? Number(match[h]) : 0;
    const minute = mi ? Number(match[mi]) : 0;
    const second = se ? Number(match[se]) : 0;
    const milli = ms ? Number(match[ms].padEnd(3, '0').slice(0, 3)) : 0;
    if (!dayExists(year, month, day) || hour > 23 || minute > 59 || second > 59) return failed;
    return { ok: true, value: iso(utcMillis(year, month, day, hour, minute, second, milli) - offsetMs) };
  };
}

const DAY_MS = 86_400_000;
/** 0000-01-01 and 10000-01-01: within them toISOString writes a four-digit year. */
const FIRST_MS = Date.parse('0000-01-01T00:00:00Z');
const END_MS = Date.parse('+010000-01-01T00:00:00Z');
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Epoch milliseconds as Date.toISOString writes them. The day's
 * `yyyy-MM-ddT` is made once per day and kept (a file's rows mostly share
 * a few days); the time of day is arithmetic and table lookups.
 */
function isoTextWriter(): (ms: number) => string {
  let day = NaN;
  let dayText = '';
  return (ms) => {
    if (!(ms >= FIRST_MS && ms < END_MS)) return new Date(ms).toISOString();
    const thisDay = Math.floor(ms / DAY_MS);
    if (thisDay !== day) {
      day = thisDay;
      dayText = new Date(thisDay * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = ms - thisDay * DAY_MS;
    const hour = Math.floor(rest / 3_600_000);
    rest -= hour * 3_600_000;
    const minute = Math.floor(rest / 60_000);
    rest -= minute * 60_000;
    const second = Math.floor(rest / 1000);
    return `${dayText}${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${THREE_DIGITS[rest - second * 1000]}Z`;
  };
}

/**
 * Date.UTC for a checked date, years 0-99 included: Date.UTC reads those as
 * 1900-1999, so a partner's 0050-03-01 would land in 1950.
 */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, milli: number): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, milli);
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second, milli));
  return date.setUTCFullYear(year, month - 1, day);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Date.UTC would roll 31.02 over into March; a date that does not exist is an error, not another day. */
function dayExists(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ZERO = 48;
const digits = (text: string, from: number, count: number) => {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - ZERO;
  return value;
};

/**
 * Epoch milliseconds of a text ISO_WITH_OFFSET matched, read from its fixed
 * positions (Date.parse was a sixth of a file's read, docs/performance.md D20);
 * NaN for a day, hour or offset that does not exist (Date.parse rolls
 * 2026-02-30 into March). Fractions beyond milliseconds are cut.
 */
function isoMillis(text: string): number {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  let at = 16;
  let second = 0;
  let milli = 0;
  if (text.charCodeAt(at) === 58 /* : */) {
    second = digits(text, 17, 2);
    at = 19;
    if (text.charCodeAt(at) === 46 /* . */) {
      let end = at + 1;
      while (end < text.length && text.charCodeAt(end) >= ZERO && text.charCodeAt(end) <= ZERO + 9) end++;
      milli = end - at - 1 >= 3 ? digits(text, at + 1, 3) : digits(text.slice(at + 1, end).padEnd(3, '0'), 0, 3);
      at = end;
    }
  }
  let offsetMinutes = 0;
  if (text.charCodeAt(at) !== 90 /* Z */) {
    const offsetHours = digits(text, at + 1, 2);
    const offsetMins = digits(text, text.charCodeAt(at + 3) === 58 ? at + 4 : at + 3, 2);
    if (offsetHours > 23 || offsetMins > 59) return NaN;
    offsetMinutes = (text.charCodeAt(at) === 45 /* - */ ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  if (!dayExists(year, month, day) || hour > 23 || minute > 59 || second > 59) return NaN;
  return utcMillis(year, month, day, hour, minute, second, milli) - offsetMinutes * 60_000;
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
  const failed: Parsed<string> = { ok: false, expected };
  return (text) => {
    const plain = plainDecimal(text, point, scale);
    if (plain !== undefined) return { ok: true, value: plain };
    const match = pattern.exec(text);
    if (!match || (match[3]?.length ?? 0) > scale) return failed;
    const whole = group ? match[2].split(group).join('') : match[2];
    return { ok: true, value: `${match[1]}${whole}${match[3] ? `.${match[3]}` : ''}` };
  };
}

/**
 * The common case without grouping, checked by its characters alone: the
 * text itself (its decimal comma as a point), or undefined for the pattern
 * to judge.
 */
function plainDecimal(text: string, point: string, scale: number): string | undefined {
  const pointCode = point.charCodeAt(0);
  let at = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const start = at;
  let pointAt = -1;
  for (; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code >= ZERO && code <= ZERO + 9) continue;
    if (code !== pointCode || pointAt >= 0) return undefined;
    pointAt = at;
  }
  if (pointAt === start || pointAt === text.length - 1 || text.length === start) return undefined;
  if (pointAt >= 0 && text.length - pointAt - 1 > scale) return undefined;
  return pointAt >= 0 && point !== '.' ? `${text.slice(0, pointAt)}.${text.slice(pointAt + 1)}` : text;
}

/** Whole numbers (ids): digit grouping allowed, as spreadsheets add it. */
export function integerParser(format: Pick<PartnerFormat, 'decimalComma' | 'thousandsSeparator'>): (text: string) => Parsed<number> {
  const decimal = decimalParser(format, 0);
  return (text) => {
    // Up to 15 digits is always a safe integer.
    if (text.length <= 15 && /^\d+$/.test(text)) return { ok: true, value: Number(text) };
    const parsed = decimal(text);
    if (!parsed.ok) return { ok: false, expected: 'a whole number' };
    const value = Number(parsed.value);
    return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, expected: 'a whole number below 2^53' };
  };
}
