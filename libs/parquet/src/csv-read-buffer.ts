import { CsvRecordError } from './csv-data-error';

const MIB = 1024 * 1024;
/** DuckDB's `max_line_size` default. */
const DEFAULT_MAX_LINE_BYTES = 2 * MIB;
/** DuckDB's `buffer_size` default, kept for a part whose records were not measured. */
const DEFAULT_BUFFER_BYTES = 32 * MIB;

/**
 * The longest record the writer reads. read_csv holds a buffer larger than
 * the record, and the record's values, inside the writer's memory limit
 * (1 GB by default); a longer record is refused by number instead of
 * risking DuckDB's allocation error.
 */
const MAX_CSV_RECORD_BYTES = 128 * MIB;

/** The part's longest record, as the caller measured it. */
export interface LongestRecord {
  readonly bytes: number;
  /** 1-based number of the record in the part. */
  readonly record: number;
}

/** Refuses a part whose longest record is over MAX_CSV_RECORD_BYTES, by its number, before DuckDB reads it. */
export function refuseOverlongRecord(csvPath: string, longest: LongestRecord | undefined): void {
  if (!longest || longest.bytes <= MAX_CSV_RECORD_BYTES) return;
  throw new CsvRecordError(csvPath, longest.record, undefined, `${(longest.bytes / MIB).toFixed(1)} MB long, over the ${MAX_CSV_RECORD_BYTES / MIB} MB the Parquet writer reads`);
}

export interface CsvReadBuffer {
  /** read_csv's `buffer_size`: bytes read from the part at a time. */
  readonly bufferSize: number;
  /** read_csv's `max_line_size`: the longest record it accepts. */
  readonly maxLineSize: number;
}

/**
 * read_csv's buffer for a part whose longest record is known. DuckDB's
 * default buffer is 32 MB, allocated afresh for every part; its page faults
 * cost ~20% of an orders extract on one core (docs/performance.md). read_csv
 * needs a record to fit in one buffer and in `max_line_size`, so both are
 * sized to the longest record, with room to spare, and never below 4 MB and
 * DuckDB's own 2 MB line limit.
 */
export function csvReadBuffer(longestRecordBytes: number | undefined): CsvReadBuffer {
  if (longestRecordBytes === undefined) return { bufferSize: DEFAULT_BUFFER_BYTES, maxLineSize: DEFAULT_MAX_LINE_BYTES };
  const maxLineSize = Math.max(DEFAULT_MAX_LINE_BYTES, Math.ceil((longestRecordBytes + 1) / MIB) * MIB);
  return { bufferSize: Math.max(4 * MIB, maxLineSize + MIB), maxLineSize };
}
