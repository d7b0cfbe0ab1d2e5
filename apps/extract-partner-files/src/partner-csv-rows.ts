import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { DataContractError } from '@northstar/core';
import type { PartnerFormat } from '@northstar/contracts';
import { partnerFileText } from './partner-file-text';

/** One CSV record: the physical line it starts on (1-based) and its fields, trimmed. */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

/** A file's header (title rows skipped, trailing empty cells dropped) and its data rows, read as they are consumed. */
export interface CsvFile {
  readonly header: CsvRow;
  readonly rows: AsyncIterable<CsvRow>;
}

export type CsvShape = Pick<PartnerFormat, 'encoding' | 'delimiter' | 'quote' | 'skipRows'>;

const LINE_BREAK = /\r\n|\r|\n/g;
const CRLF = /\r\n/g;

/**
 * Opens a partner CSV: bytes -> gunzip -> text -> csv-parse, pulled record by
 * record, so memory stays flat whatever the file's size. CRLF, LF and CR line
 * ends may be mixed; quoted fields may hold delimiters, quotes and newlines;
 * blank lines are skipped. A malformed quote or an empty file is refused
 * naming the file and line (exit 3).
 */
export async function openCsvFile(bytes: Readable, key: string, shape: CsvShape): Promise<CsvFile> {
  const parser = parse({
    delimiter: shape.delimiter,
    quote: shape.quote,
    escape: shape.quote,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A quote inside an unquoted field (37°36'37.8"N) is text, as spreadsheets write it.
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  });
  const text = partnerFileText(bytes, key, shape.encoding);
  text.on('error', (error) => parser.destroy(error));
  text.pipe(parser);
  const records = csvRecords(parser, key)[Symbol.asyncIterator]();
  for (let skipped = 0; skipped < shape.skipRows; skipped++) {
    if ((await records.next()).done) throw new DataContractError(`${key}: ends within the ${shape.skipRows} title row(s) its partner format skips; no header found`);
  }
  const first = await records.next();
  if (first.done) throw new DataContractError(`${key}: holds no header row (the file is empty)`);
  const header = { line: first.value.line, fields: withoutTrailingEmpty(first.value.fields) };
  expectRecordLength(parser, first.value.fields.length);
  return { header, rows: { [Symbol.asyncIterator]: () => records } };
}

async function* csvRecords(parser: AsyncIterable<{ record: string[]; info: { lines: number } }>, key: string): AsyncGenerator<CsvRow> {
  // csv-parse counts a CRLF inside quotes as two lines; the count is corrected by those seen so far.
  let overcount = 0;
  try {
    for await (const { record, info } of parser) {
      let inner = 0;
      for (const field of record) {
        if (field.length === 0 || (!field.includes('\n') && !field.includes('\r'))) continue;
        inner += field.match(LINE_BREAK)?.length ?? 0;
        overcount += field.match(CRLF)?.length ?? 0;
      }
      if (record.every((field) => field === '')) continue;
      // info.lines is where the record ends; a quoted newline makes it start earlier.
      yield { line: info.lines - overcount - inner, fields: record };
    }
  } catch (error) {
    if (error instanceof DataContractError) throw error;
    const csvError = error as CsvError;
    if (typeof csvError.code === 'string' && csvError.code.startsWith('CSV_') || csvError.code === 'INVALID_OPENING_QUOTE') {
      throw new DataContractError(`${key}: not readable as CSV: ${csvError.message}`, { cause: error });
    }
    throw error;
  }
}

/**
 * csv-parse takes the first record's length (a title row's, here) as the
 * expected one and, even with relax_column_count, builds a discarded error
 * with a stack for every record of another length: two thirds of the CPU on a
 * file with a title row. From the header on, the header's length is expected;
 * rows of another length are still read, and judged by the row mapper.
 */
function expectRecordLength(parser: object, length: number): void {
  const state = (parser as { state?: { expectedRecordLength?: number } }).state;
  if (state && typeof state.expectedRecordLength === 'number') state.expectedRecordLength = length;
}

/** Spreadsheets pad rows with empty cells to the widest row; those are not columns. */
export function withoutTrailingEmpty(fields: readonly string[]): readonly string[] {
  let end = fields.length;
  while (end > 0 && fields[end - 1] === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}
