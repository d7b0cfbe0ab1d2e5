import { ConfigError } from './errors';

/** A half-open UTC interval [start, end). */
export interface TimeWindow {
  readonly start: Date;
  readonly end: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A date, or a date and time (seconds and fraction optional), then optionally Z or an offset. */
const isoInstant = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?)?$/i;

/**
 * Reads an instant given without an offset as UTC, like every window here:
 * `new Date` would read a date-time in the machine's zone, so one command
 * would name different hours on a laptop and in Batch.
 */
export function parseInstant(value: string, what: string): Date {
  const [, day, time = '00:00', offset = 'Z'] = isoInstant.exec(value) ?? [];
  const date = new Date(`${day}T${time}${offset.toUpperCase()}`);
  // Date rolls 2026-02-30 over to March 2 and 24:00 to the next day: the fields must read back as given.
  const asGiven = () => new Date(`${day}T${time}Z`).toISOString().startsWith(`${day}T${time.slice(0, 8)}`);
  if (day === undefined || Number.isNaN(date.getTime()) || !asGiven()) {
    throw new ConfigError(`${what}: expected an ISO-8601 instant such as 2026-11-29T10:00:00Z, got "${value}"`);
  }
  return date;
}

export function floorToHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export function floorToDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/** The UTC hour that contains `at`. */
export function hourWindow(at: Date): TimeWindow {
  const start = floorToHour(at);
  return { start, end: new Date(start.getTime() + HOUR_MS) };
}

/** Whole UTC days covering [start, end): one window per day, in order. */
export function dayRange(window: TimeWindow): TimeWindow[] {
  const days: TimeWindow[] = [];
  for (let t = floorToDay(window.start).getTime(); t < window.end.getTime(); t += DAY_MS) {
    days.push({ start: new Date(t), end: new Date(t + DAY_MS) });
  }
  return days;
}

/** Consecutive UTC hours from `start` (inclusive) to `end` (exclusive). */
export function hoursBetween(start: Date, end: Date): Date[] {
  const hours: Date[] = [];
  for (let t = floorToHour(start).getTime(); t < end.getTime(); t += HOUR_MS) hours.push(new Date(t));
  return hours;
}

export interface ExtractWindowInput {
  /** Last committed watermark, or undefined on the very first run. */
  readonly watermark: Date | undefined;
  /** Where a first run starts when there is no watermark. */
  readonly initialStart: Date;
  readonly now: Date;
  readonly lookbackMs: number;
  readonly safetyLagMs: number;
}

/**
 * [watermark - lookback, now - safetyLag): the overlap re-reads rows that
 * long transactions committed late; staging dedup makes it harmless. The
 * window is empty (start == end) rather than inverted when there is nothing new.
 */
export function extractWindow(input: ExtractWindowInput): TimeWindow {
  const end = new Date(input.now.getTime() - input.safetyLagMs);
  const from = input.watermark ? input.watermark.getTime() - input.lookbackMs : input.initialStart.getTime();
  const start = new Date(Math.min(from, end.getTime()));
  return { start, end };
}

export function formatWindow(window: TimeWindow): string {
  return `[${window.start.toISOString()}, ${window.end.toISOString()})`;
}
