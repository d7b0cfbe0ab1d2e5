import { DataContractError } from '@northstar/core';

/** One CSV record: the physical line it starts on (1-based) and its fields, trimmed. */
export interface CsvRow {
  readonly line: number;
  readonly fields: readonly string[];
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Splits decoded text into CSV records as chunks arrive, each with the
 * physical line it starts on. CRLF, LF and CR end records (mixed in one
 * file); a field whose first non-blank character is the quote may hold
 * delimiters, doubled quotes and line breaks; a quote inside an unquoted
 * field is text (37°36'37.8"N); fields are trimmed; blank records (no text,
 * or only empty fields) are skipped. Text after a closing quote, or a quote
 * never closed, is refused naming the line.
 *
 * Written for speed over csv-parse (docs/performance.md, decision D18): a
 * record without the quote character is cut with indexOf and split(), and
 * records come back a chunk at a time, not one promise each.
 */
export class CsvRecordTokenizer {
  private carry = '';
  /** The physical line the carried text starts on. */
  private line = 1;
  private readonly quoteCode: number;
  private readonly delimiterCode: number;

  constructor(private readonly key: string, private readonly delimiter: string, private readonly quote: string) {
    this.quoteCode = quote.charCodeAt(0);
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** The records the text completes; an unfinished one waits for the next chunk. */
  push(chunk: string): CsvRow[] {
    return this.records(this.carry.length > 0 ? this.carry + chunk : chunk, false);
  }

  /** The last records, at the end of the text. */
  end(): CsvRow[] {
    return this.records(this.carry, true);
  }

  private records(text: string, final: boolean): CsvRow[] {
    const rows: CsvRow[] = [];
    const length = text.length;
    // Next positions of LF, CR and the quote at or after i, found once and reused: indexOf per record would rescan the chunk.
    let nextLf = -2;
    let nextCr = -2;
    let nextQuote = -2;
    let i = 0;
    let line = this.line;
    while (i < length) {
      if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
      if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
      if (nextQuote !== -1 && nextQuote < i) nextQuote = text.indexOf(this.quote, i);
      const end = nextLf < 0 ? nextCr : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
      if (nextQuote >= 0 && (end < 0 || nextQuote < end)) {
        const quoted = this.quotedRecord(text, i, line, final);
        if (!quoted) break;
        if (quoted.fields) this.add(rows, line, quoted.fields);
        i = quoted.next;
        line = quoted.line;
        continue;
      }
      if (end < 0 && !final) break;
      const stop = end < 0 ? length : end;
      // A CR last in the chunk may be the first half of a CRLF.
      if (stop === length - 1 && text.charCodeAt(stop) === CR && !final) break;
      if (stop > i) this.add(rows, line, trimmed(text.slice(i, stop).split(this.delimiter)));
      i = stop + (text.charCodeAt(stop) === CR && text.charCodeAt(stop + 1) === LF ? 2 : 1);
      line++;
    }
    this.carry = i < length ? text.slice(i) : '';
    this.line = line;
    return rows;
  }

  private add(rows: CsvRow[], line: number, fields: string[]): void {
    for (const field of fields) {
      if (field.length > 0) {
        rows.push({ line, fields });
        return;
      }
    }
  }

  /**
   * One record holding the quote character, read character by character from
   * `start`. Undefined when the text ends inside it (more is coming).
   */
  private quotedRecord(text: string, start: number, startLine: number, final: boolean): { fields?: string[]; next: number; line: number } | undefined {
    const fields: string[] = [];
    const length = text.length;
    let line = startLine;
    let i = start;
    for (;;) {
      while (i < length && isBlank(text.charCodeAt(i), this.delimiterCode)) i++;
      let field: string;
      if (i < length && text.charCodeAt(i) === this.quoteCode) {
        const opened = line;
        let value = '';
        let from = i + 1;
        for (;;) {
          const close = text.indexOf(this.quote, from);
          if (close < 0 || (close === length - 1 && !final)) {
            if (!final) return undefined;
            throw this.refusal(`a quoted field opened at line ${opened} is not closed`);
          }
          line += lineBreaks(text, from, close);
          value += text.slice(from, close);
          if (text.charCodeAt(close + 1) === this.quoteCode) {
            value += this.quote;
            from = close + 2;
            continue;
          }
          i = close + 1;
          break;
        }
        while (i < length && isBlank(text.charCodeAt(i), this.delimiterCode)) i++;
        const after = text.charCodeAt(i);
        if (i < length && after !== this.delimiterCode && after !== LF && after !== CR) throw this.refusal(`text after a closing quote at line ${line}`);
        field = value.trim();
      } else {
        let stop = i;
        while (stop < length) {
          const code = text.charCodeAt(stop);
          if (code === this.delimiterCode || code === LF || code === CR) break;
          stop++;
        }
        field = text.slice(i, stop).trim();
        i = stop;
      }
      fields.push(field);
      if (i >= length) {
        if (!final) return undefined;
        return { fields, next: i, line: line + 1 };
      }
      const code = text.charCodeAt(i);
      if (code === this.delimiterCode) {
        i++;
        continue;
      }
      // The record ends at a line break; a CR last in the chunk may be half a CRLF.
      if (code === CR && i === length - 1 && !final) return undefined;
      const next = i + (code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1);
      return { fields, next, line: line + 1 };
    }
  }

  private refusal(what: string): DataContractError {
    return new DataContractError(`${this.key}: not readable as CSV: ${what}`);
  }
}

function isBlank(code: number, delimiterCode: number): boolean {
  return (code === SPACE || code === TAB) && code !== delimiterCode;
}

function trimmed(fields: string[]): string[] {
  for (let f = 0; f < fields.length; f++) fields[f] = fields[f].trim();
  return fields;
}

/** Line breaks in text[from, to): CRLF, CR and LF each count once. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) count++;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
