/**
 * DuckDB holds a part's rows (up to a row group, 122,880) while it writes the
 * Parquet file, and a partner-file run is as large as the files it takes (a
 * 1 GB drop is 12.6M rows): at the shared default part size (250k rows) the
 * extractor's peak RSS was 459-477 MB on a 1 GB file, and grew with it; with
 * 50k-row parts 358-372 MB at the same CPU time (docs/performance.md D25).
 */
export const PARTNER_FILES_MAX_ROWS_PER_PART = 50_000;

/** The configured part size, capped so one part's conversion bounds the extractor's memory whatever the files' sizes. */
export function partnerFilesRowsPerPart(configured: number): number {
  return Math.min(configured, PARTNER_FILES_MAX_ROWS_PER_PART);
}
