import type { Readable } from 'node:stream';
import { DataContractError } from '@northstar/core';
import type { PartnerFormat } from '@northstar/contracts';
import { CsvRecordTokenizer, type CsvRow } from './csv-record-tokenizer';
import { partnerFileText } from './partner-file-text';

export type { CsvRow } from './csv-record-tokenizer';

/** A file's header (title rows skipped, trailing empty cells dropped) and its data rows, read as they are consumed. */
export interface CsvFile {
  readonly header: CsvRow;
  /** The data rows a decoded chunk at a time: the readers' loops stay synchronous within a chunk. */
  readonly batches: AsyncIterable<readonly CsvRow[]>;
  readonly rows: AsyncIterable<CsvRow>;
}

export type CsvShape = Pick<PartnerFormat, 'encoding' | 'delimiter' | 'quote' | 'skipRows'>;

/**
 * Opens a partner CSV: bytes -> gunzip -> text -> records, pulled a chunk at
 * a time, so memory stays flat whatever the file's size (see
 * CsvRecordTokenizer for what a record may hold). A malformed quote or an
 * empty file is refused naming the file and line (exit 3).
 */
export async function openCsvFile(bytes: Readable, key: string, shape: CsvShape): Promise<CsvFile> {
  const batches = recordBatches(partnerFileText(bytes, key, shape.encoding), new CsvRecordTokenizer(key, shape.delimiter, shape.quote))[Symbol.asyncIterator]();
  let pending: CsvRow[] = [];
  const nextRecord = async (): Promise<CsvRow | undefined> => {
    while (pending.length === 0) {
      const batch = await batches.next();
      if (batch.done) return undefined;
      pending = batch.value;
    }
    return pending.shift();
  };
  for (let skipped = 0; skipped < shape.skipRows; skipped++) {
    if (!(await nextRecord())) throw new DataContractError(`${key}: ends within the ${shape.skipRows} title row(s) its partner format skips; no header found`);
  }
  const first = await nextRecord();
  if (!first) throw new DataContractError(`${key}: holds no header row (the file is empty)`);
  const header = { line: first.line, fields: withoutTrailingEmpty(first.fields) };
  async function* dataBatches(): AsyncGenerator<readonly CsvRow[]> {
    if (pending.length > 0) yield pending;
    for (let batch = await batches.next(); !batch.done; batch = await batches.next()) yield batch.value;
  }
  const data = dataBatches();
  async function* dataRows(): AsyncGenerator<CsvRow> {
    for await (const batch of data) yield* batch;
  }
  return { header, batches: data, rows: dataRows() };
}

async function* recordBatches(text: AsyncIterable<string>, tokenizer: CsvRecordTokenizer): AsyncGenerator<CsvRow[]> {
  for await (const chunk of text) {
    const rows = tokenizer.push(chunk);
    if (rows.length > 0) yield rows;
  }
  const rows = tokenizer.end();
  if (rows.length > 0) yield rows;
}

/** Spreadsheets pad rows with empty cells to the widest row; those are not columns. */
export function withoutTrailingEmpty(fields: readonly string[]): readonly string[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1] === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}
