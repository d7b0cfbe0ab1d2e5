import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import * as path from 'node:path';

export interface CsvPartFile {
  readonly index: number;
  readonly path: string;
  readonly rows: number;
  /** The part's longest record: its bytes, newline included (what DuckDB's read buffer must hold), and its 1-based number in the part. */
  readonly longestRecord: { readonly bytes: number; readonly record: number };
}

export interface CsvSplitOptions {
  readonly dir: string;
  readonly rowsPerPart: number;
  /** Records of the first part, when it should differ from `rowsPerPart`. */
  readonly firstPartRows?: number;
  readonly baseName: string;
}

const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Cuts a stream of RFC 4180 CSV bytes into files of at most `rowsPerPart`
 * records (`firstPartRows` for the first), without parsing fields. A newline ends a record only outside
 * quotes; an escaped quote ("") flips the state twice, so counting quotes is
 * enough. Memory stays at one chunk whatever the table size.
 */
export async function* splitCsvIntoParts(input: AsyncIterable<Buffer | string>, options: CsvSplitOptions): AsyncGenerator<CsvPartFile> {
  const sink = new PartSink(options);
  try {
    yield* splitInto(sink, input, options.firstPartRows ?? options.rowsPerPart, options.rowsPerPart);
  } finally {
    await sink.abandon();
  }
}

async function* splitInto(sink: PartSink, input: AsyncIterable<Buffer | string>, firstPartRows: number, rowsPerPart: number): AsyncGenerator<CsvPartFile> {
  const scanner = new RecordEndScanner();
  let lastByte = NEWLINE;
  // Bytes of the record in progress that came in earlier chunks.
  let carried = 0;
  let partRows = firstPartRows;
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    if (chunk.length === 0) continue;
    scanner.start(chunk);
    let from = 0;
    let recordStart = 0;
    for (let end = scanner.next(0); end !== -1; end = scanner.next(end + 1)) {
      sink.noteRecord(carried + end + 1 - recordStart);
      carried = 0;
      recordStart = end + 1;
      if (++sink.rows !== partRows) continue;
      await sink.write(chunk.subarray(from, end + 1));
      from = end + 1;
      partRows = rowsPerPart;
      yield await sink.finish();
    }
    await sink.write(chunk.subarray(from));
    carried += chunk.length - recordStart;
    lastByte = chunk[chunk.length - 1];
  }
  if (scanner.inQuotes) throw new Error(`CSV stream ended inside a quoted field (after ${sink.totalRows + sink.rows} complete records)`);
  if (sink.isOpen) {
    if (lastByte !== NEWLINE) {
      sink.noteRecord(carried);
      sink.rows++;
    }
    const part = await sink.finish();
    if (part.rows > 0) yield part;
  }
}

/**
 * Finds record-ending newlines with Buffer.indexOf (native, vectorised)
 * instead of a per-byte JavaScript loop: the splitter shares a core with the
 * COPY stream and DuckDB, and most records hold no quote at all. The next
 * quote and newline positions are cached, so each byte is searched once.
 */
class RecordEndScanner {
  inQuotes = false;
  private chunk: Buffer = Buffer.alloc(0);
  private quote = -1;
  private newline = -1;

  start(chunk: Buffer): void {
    this.chunk = chunk;
    this.quote = chunk.indexOf(QUOTE);
    this.newline = chunk.indexOf(NEWLINE);
  }

  /** Index of the first record-ending newline at or after `from`, or -1 when the chunk has none. */
  next(from: number): number {
    let at = from;
    for (;;) {
      if (this.quote !== -1 && this.quote < at) this.quote = this.chunk.indexOf(QUOTE, at);
      if (this.inQuotes) {
        if (this.quote === -1) return -1;
        this.inQuotes = false;
        at = this.quote + 1;
        continue;
      }
      if (this.newline !== -1 && this.newline < at) this.newline = this.chunk.indexOf(NEWLINE, at);
      if (this.quote === -1 || (this.newline !== -1 && this.newline < this.quote)) return this.newline;
      this.inQuotes = true;
      at = this.quote + 1;
    }
  }
}

/**
 * Bytes gathered before one write to the part file. A COPY stream arrives in
 * chunks of about 8 KB (one server send buffer); writing each on its own cost
 * a system call and a drain wait per chunk, more CPU than finding the records.
 */
const WRITE_BATCH_BYTES = 1 << 20;

/** The part file being written; opened lazily so an empty stream leaves no file. */
class PartSink {
  rows = 0;
  totalRows = 0;
  private longestRecord = { bytes: 0, record: 0 };
  private index = 0;
  private stream: WriteStream | undefined;
  private file = '';
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** A write error (disk full, no such directory) kept until the next call can throw it. */
  private failure: Error | undefined;

  constructor(private readonly options: CsvSplitOptions) {}

  /** Called for each record before it is counted in `rows`. */
  noteRecord(bytes: number): void {
    if (bytes > this.longestRecord.bytes) this.longestRecord = { bytes, record: this.rows + 1 };
  }

  get isOpen(): boolean {
    return this.stream !== undefined;
  }

  /** Keeps `bytes` (the caller must not reuse the buffer) and writes once a batch is full. */
  async write(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    if (!this.stream) {
      const file = path.join(this.options.dir, `${this.options.baseName}-${String(this.index).padStart(5, '0')}.csv`);
      this.file = file;
      this.stream = createWriteStream(file, { highWaterMark: WRITE_BATCH_BYTES });
      this.stream.on('error', (error) => (this.failure ??= new Error(`cannot write CSV part ${file}: ${error.message}`, { cause: error })));
    }
    this.throwIfFailed();
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BATCH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const stream = this.stream;
    if (!stream || this.pendingBytes === 0) return;
    this.throwIfFailed();
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    // Corked, the batch leaves as one writev() without being copied into one buffer first.
    stream.cork();
    let drained = true;
    for (const bytes of batch) drained = stream.write(bytes);
    stream.uncork();
    if (!drained) await once(stream, 'drain').catch(() => undefined);
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Closes a half-written part on failure so no stream outlives the run. */
  async abandon(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    // finished() settles even for a stream that already failed or closed.
    if (stream) await finished(stream.destroy()).catch(() => undefined);
  }

  async finish(): Promise<CsvPartFile> {
    await this.flush();
    const stream = this.stream;
    if (stream) await finished(stream.end()).catch(() => undefined);
    this.throwIfFailed();
    const part = { index: this.index, path: this.file, rows: this.rows, longestRecord: this.longestRecord };
    this.totalRows += this.rows;
    this.index++;
    this.rows = 0;
    this.longestRecord = { bytes: 0, record: 0 };
    this.stream = undefined;
    return part;
  }
}
