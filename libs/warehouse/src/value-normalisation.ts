/**
 * The value shapes both adapters return, built from exact integer parts so no
 * engine's float conversion can round a decimal or drop microseconds.
 */

const MICROS_PER_SECOND = 1_000_000n;
const SECONDS_PER_DAY = 86_400n;

/** A 64-bit (or wider) integer as a number when exact, else as a bigint. */
export function integerValue(value: bigint | string): number | bigint {
  const big = typeof value === 'bigint' ? value : BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** An unscaled integer and a scale as decimal text with exactly `scale` fraction digits: (1230n, 2) -> '12.30'. */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const whole = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${whole}` : whole;
}

/** Decimal text from an engine, rewritten to exactly `scale` fraction digits ('12.3', 2 -> '12.30'). */
export function decimalTextFromString(text: string, scale: number): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) throw new Error(`not a decimal number: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale))) throw new Error(`${text} has more than ${scale} decimal places`);
  const unscaled = BigInt(`${whole || '0'}${fraction.slice(0, scale).padEnd(scale, '0')}`);
  return decimalText(sign === '-' ? -unscaled : unscaled, scale);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** Microseconds since the epoch as '2026-11-29T10:00:00.123456Z'; the fraction is left out when it is zero. */
export function isoInstantFromMicros(micros: bigint): string {
  const seconds = floorDiv(micros, MICROS_PER_SECOND);
  const fraction = micros - seconds * MICROS_PER_SECOND;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return fraction === 0n ? `${base}Z` : `${base}.${fraction.toString().padStart(6, '0')}Z`;
}

/** Days since the epoch as 'YYYY-MM-DD'. */
export function isoDateFromDays(days: number | bigint): string {
  return new Date(Number(BigInt(days) * SECONDS_PER_DAY) * 1000).toISOString().slice(0, 10);
}

/** A bind Date as microseconds since the epoch; an invalid Date is a caller bug, not a NULL. */
export function microsFromDate(date: Date): bigint {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('cannot bind an invalid Date');
  return BigInt(ms) * 1000n;
}
