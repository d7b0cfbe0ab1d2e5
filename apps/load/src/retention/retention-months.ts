/** A calendar month in UTC: [start, end). */
export interface Month {
  readonly label: string;
  readonly start: Date;
  readonly end: Date;
}

export function monthOf(instant: Date): Month {
  const start = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
  const end = new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth() + 1, 1));
  return { label: start.toISOString().slice(0, 7), start, end };
}

/**
 * The first instant kept hot: the start of the month `hotYears` before
 * `now`'s month. Whole months go, so a month is never half in the warehouse.
 */
export function retentionCutoff(now: Date, hotYears: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear() - hotYears, now.getUTCMonth(), 1));
}

/** Every month from `oldest`'s up to (not including) the cutoff's. */
export function monthsBefore(oldest: Date, cutoff: Date): Month[] {
  const months: Month[] = [];
  for (let m = monthOf(oldest); m.start < cutoff; m = monthOf(m.end)) months.push(m);
  return months;
}
