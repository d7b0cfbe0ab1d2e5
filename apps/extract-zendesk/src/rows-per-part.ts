/**
 * Ten export pages. DuckDB holds a part's rows (up to a row group, 122,880)
 * in memory while it writes the Parquet file, and a ticket row is wide (subject,
 * tags, custom fields as JSON): at the shared default part size (250k rows) a
 * run's peak RSS grew with its ticket count up to that size (~190 MB at 10k,
 * ~400 MB from 200k). Parts of ten pages bound it by one part; an hour's
 * export at a real budget (10-30 pages a minute) is a few parts anyway.
 */
export const ZENDESK_MAX_ROWS_PER_PART = 10_000;

/** The configured part size, capped so a part's conversion, not the run's ticket count, bounds the extractor's memory. */
export function zendeskRowsPerPart(configured: number): number {
  return Math.min(configured, ZENDESK_MAX_ROWS_PER_PART);
}
