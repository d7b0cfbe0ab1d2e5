import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { EncodedRecords } from '@northstar/extract';

/**
 * A file's good rows as CSV text on local disk while its one pass decides
 * whether the file loads at all: written a batch at a time as they come,
 * read back in the same batches once the file is taken, removed either way.
 * Memory holds one batch, not the file.
 */
export class GoodRowSpool {
  private readonly fd: number;
  /** Bytes and rows of each batch, in file order. */
  private readonly batches: { bytes: number; rows: number }[] = [];
  private removed = false;

  constructor(private readonly file: string) {
    this.fd = openSync(file, 'wx+');
  }

  static in(dir: string, name: string): GoodRowSpool {
    return new GoodRowSpool(path.join(dir, name));
  }

  /** Appends a batch (synchronously: the pass that makes the rows waits for nothing else). */
  readonly add = (csv: string, rows: number): void => {
    const bytes = Buffer.from(csv);
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written);
    this.batches.push({ bytes: bytes.length, rows });
  };

  /** The batches as written, `unknownFields` counted on the first; the spool is removed when they are read or the reader stops. */
  async *read(unknownFields: readonly string[]): AsyncGenerator<EncodedRecords> {
    try {
      let position = 0;
      for (const [i, batch] of this.batches.entries()) {
        const csv = Buffer.allocUnsafe(batch.bytes);
        let read = 0;
        while (read < batch.bytes) {
          const got = readSync(this.fd, csv, read, batch.bytes - read, position + read);
          if (got === 0) throw new Error(`${this.file}: ends at byte ${position + read}, before the ${batch.bytes} bytes of its batch ${i + 1}`);
          read += got;
        }
        position += batch.bytes;
        yield { csv, records: batch.rows, ...(i === 0 && unknownFields.length > 0 ? { unknownFields: countsOf(unknownFields, this.rows()) } : {}) };
      }
    } finally {
      this.remove();
    }
  }

  rows(): number {
    return this.batches.reduce((sum, b) => sum + b.rows, 0);
  }

  remove(): void {
    if (this.removed) return;
    this.removed = true;
    closeSync(this.fd);
    rmSync(this.file, { force: true });
  }
}

function countsOf(fields: readonly string[], rows: number): Record<string, number> {
  return Object.fromEntries(fields.map((field) => [field, rows]));
}
