import type { TimeWindow } from '@northstar/core';
import type { Contract } from '@northstar/contracts';
import type { RejectedRecordEntry, SourceObjectEntry } from './run-manifest';

/** One source object as an API or a file sends it; contract columns read it at their `source` paths. */
export type SourceRecord = Readonly<Record<string, unknown>>;

/** Where a stream reads from, and how it says where the next run should start. */
export interface StreamPosition {
  /** [watermark - lookback, scheduled - safety lag), or the operator's --start/--end. */
  readonly window: TimeWindow;
  /** The checkpoint the last loaded run proposed (ops.source_cursors); undefined before the first. */
  readonly checkpoint: string | undefined;
  /**
   * Proposes where the next run starts (an API's cursor, an event id, an
   * object-listing position). Call it once the records up to that point are
   * yielded: the last call goes into the manifest, and the raw loader commits
   * it with those records, so a failed load leaves the old one for the rerun.
   */
  advanceTo(checkpoint: string): void;
  /** File sources: an object this run took or quarantined; the raw loader commits it to ops.partner_files with the run's rows. */
  recordObject(object: SourceObjectEntry): void;
  /** A record refused (bad value, null key): it goes to ops.quarantine with the run, and the good records load. */
  reject(rejection: RejectedRecordEntry): void;
}

/**
 * A source entity that is not a SQL COPY (an API list endpoint, a file
 * listing): it declares its contract and yields records; the runtime
 * (extractRecordStream) does the rest. `read` is pulled only as fast as parts
 * are written, so it should fetch page by page rather than all at once.
 */
export interface RecordStream {
  readonly contract: Contract;
  read(position: StreamPosition): AsyncIterable<SourceRecord>;
}

/** Whole records as CSV text in contract column order, written by csvRecordsText (what RecordCsvEncoder would write for them). */
export interface EncodedRecords {
  readonly csv: Buffer;
  readonly records: number;
  /** Fields no contract column reads, with how many of these records held each (the counts RecordFlattener keeps for drift). */
  readonly unknownFields?: Readonly<Record<string, number>>;
}

/**
 * A stream that encodes its own records (a file source whose rows are
 * already typed text): the runtime takes its CSV as it is, skipping the
 * record objects, flattening and per-record encoding a RecordStream costs
 * (docs/performance.md, decision D24). Everything else is the same.
 */
export interface EncodedRecordStream {
  readonly contract: Contract;
  readEncoded(position: StreamPosition): AsyncIterable<EncodedRecords>;
}
