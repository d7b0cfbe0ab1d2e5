import { DataContractError } from '@northstar/core';
import { logicalTypeName, type Contract } from '@northstar/contracts';
import { csvFieldText } from './csv-field-text';
import type { ReadProgress } from './read-progress';
import type { RecordFlattener } from './record-flattener';
import type { SourceRecord } from './record-stream';

const NEEDS_QUOTES = /[",\n\r]/;

/**
 * RFC 4180 as the orders DB's COPY writes it: null is an unquoted empty
 * field and only the empty string is quoted as "", the distinction DuckDB's
 * read_csv (allow_quoted_nulls = false) keeps; a field holding a comma, quote
 * or line break is quoted, its quotes doubled; every record ends with LF. No
 * formula escaping: the files are data, not spreadsheets. Written here, not
 * with csv-stringify (what its options said, at a sixth of its time:
 * docs/performance.md D22; the spec holds the two equal).
 */
export function csvRecordsText(records: readonly (readonly (string | null)[])[]): string {
  let text = '';
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      if (i > 0) text += ',';
      const field = record[i];
      if (field === null) continue;
      if (field === '') text += '""';
      else text += NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
    }
    text += '\n';
  }
  return text;
}

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
      yield Buffer.from(csvRecordsText(batch));
      batch = [];
    }
    if (batch.length > 0) yield Buffer.from(csvRecordsText(batch));
  }

  private fieldsOf(record: SourceRecord, recordNumber: number): (string | null)[] {
    const values = this.flattener.valuesOf(record, recordNumber);
    const columns = this.contract.columns;
    const fields: (string | null)[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const text = csvFieldText(values[i], columns[i].type);
      if (text === undefined) throw this.refusal(values[i], columns[i], recordNumber);
      fields[i] = text;
    }
    return fields;
  }

  private refusal(value: unknown, column: Contract['columns'][number], recordNumber: number): DataContractError {
    const { source, entity, version } = this.contract;
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return new DataContractError(
      `${source}/${entity} record ${recordNumber}: field "${column.source ?? column.name}" (column ${column.name}) holds ${got}; contract v${version} expects a ${logicalTypeName(column.type)}`,
    );
  }
}
