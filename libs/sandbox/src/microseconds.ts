/**
 * The sandbox keeps instants as integer epoch microseconds: PostgreSQL stores
 * microseconds and the extractors must not round them, while a JS Date holds
 * only milliseconds. 2^53 microseconds reaches the year 2255, so a plain
 * number is exact.
 */
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

export function dateToMicros(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error('invalid date');
  return ms * 1000;
}

export function microsToDate(micros: number): Date {
  return new Date(Math.floor(micros / 1000));
}

/** ISO-8601 with six fractional digits: `2024-06-30T23:59:59.123456Z`. */
export function microsToIso(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const sub = micros - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}

/** Parses the text PostgreSQL or microsToIso wrote back into epoch microseconds. */
export function isoToMicros(iso: string): number {
  const match = /\.(\d{1,6})/.exec(iso);
  const fraction = match ? Number(match[1].padEnd(6, '0')) : 0;
  const ms = new Date(iso.replace(/\.\d+/, '')).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`);
  return ms * 1000 + fraction;
}
