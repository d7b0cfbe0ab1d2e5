import { stringify } from 'csv-stringify/sync';
import { DataContractError } from '@northstar/core';
import { logicalTypeName, type Contract } from '@northstar/contracts';
import { csvFieldText } from './csv-field-text';
import type { ReadProgress } from './read-progress';
import type { RecordFlattener } from './record-flattener';
import type { SourceRecord } from './record-stream';

/**
 * RFC 4180 as the orders DB's COPY writes it: null is an unquoted empty
 * field and only the empty string is quoted as "", the distinction DuckDB's
 * read_csv (allow_quoted_nulls = false) keeps. No formula escaping: the
 * files are data, not spreadsheets.
 */
const CSV_OPTIONS = { quoted_match: /^$/, record_delimiter: 'unix', quote_record_delimiter: true, eof: true } as const;

/**
 * The one encoder from records to CSV in contract column order. It pulls a
 * record only when the CSV consumer (the part splitter) asks for the next
 * chunk, and a chunk holds at most `batchRecords`, so the stream is never
 * read further ahead than part writing lets it.
 */
export class RecordCsvEncoder {
  constructor(
    private readonly contract: Contract,
    private readonly flattener: RecordFlattener,
    private readonly progress: ReadProgress,
    private readonly batchRecords: number,
  ) {}

  async *encode(records: AsyncIterable<SourceRecord>): AsyncGenerator<Buffer> {
    let batch: (string | null)[][] = [];
    for await (const record of records) {
      this.progress.count();
      batch.push(this.fieldsOf(record, this.progress.records));
      if (batch.length < this.batchRecords) continue;
      yield Buffer.from(stringify(batch, CSV_OPTIONS));
      batch = [];
    }
    if (batch.length > 0) yield Buffer.from(stringify(batch, CSV_OPTIONS));
  }

  private fieldsOf(record: SourceRecord, recordNumber: number): (string | null)[] {
    const values = this.flattener.valuesOf(record, recordNumber);
    return this.contract.columns.map((column, i) => {
      const text = csvFieldText(values[i], column.type);
      if (text !== undefined) return text;
      const { source, entity, version } = this.contract;
      const got = values[i] === null ? 'null' : Array.isArray(values[i]) ? 'an array' : typeof values[i];
      throw new DataContractError(
        `${source}/${entity} record ${recordNumber}: field "${column.source ?? column.name}" (column ${column.name}) holds ${got}; contract v${version} expects a ${logicalTypeName(column.type)}`,
      );
    });
  }
}
