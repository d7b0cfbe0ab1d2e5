import { DataContractError } from '@northstar/core';
import { logicalTypeName } from '@northstar/contracts';
import type { ParquetColumn } from './parquet-column';

const csvFailure = /CSV Error on Line: (\d+)/;
const failedColumn = /converting column "([^"]*)"/;

/**
 * A record of a CSV part that does not fit the contract: where it is (the
 * record's number in the part, the column and the type the contract
 * expects), never its data, which may hold PII the mask was about to hide.
 * A caller that knows more (the run, the part's object key, the records
 * before this part) re-describes it with `describe`.
 */
export class CsvRecordError extends DataContractError {
  constructor(
    readonly csvPath: string,
    /** 1-based number of the record in the part (DuckDB counts records, not physical lines). */
    readonly record: number,
    readonly column: ParquetColumn | undefined,
    /** DuckDB's kind of failure, e.g. "Conversion Error". */
    readonly kind: string,
    /** The record's business key, as the source sent it, when it could be read and is not masked. */
    readonly key: Readonly<Record<string, string | null>> = {},
  ) {
    super(`${csvPath}: ${describeRecord(record, column, kind, key)}`);
  }

  withKey(key: Readonly<Record<string, string | null>>): CsvRecordError {
    return new CsvRecordError(this.csvPath, this.record, this.column, this.kind, key);
  }

  /** The same failure, placed by the caller: `${where}: record N (key), column c (expected t) ...`. */
  describe(where: string, recordsBefore = 0): DataContractError {
    return new DataContractError(`${where}: ${describeRecord(recordsBefore + this.record, this.column, this.kind, this.key)}`, { cause: this });
  }
}

function describeRecord(record: number, column: ParquetColumn | undefined, kind: string, key: Readonly<Record<string, string | null>>): string {
  const named = Object.entries(key).map(([name, value]) => `${name}=${value ?? 'null'}`).join(', ');
  const which = column ? `, column ${column.name} (expected ${column.mask ? 'text' : logicalTypeName(column.type)})` : '';
  return `record ${record}${named ? ` (${named})` : ''}${which} does not match the contract (${kind})`;
}

/** DuckDB's CSV errors turned into a CsvRecordError; anything else is returned as it is. */
export function csvDataError(error: unknown, csvPath: string, columns: readonly ParquetColumn[]): unknown {
  const message = (error as Error | undefined)?.message ?? '';
  const line = csvFailure.exec(message);
  if (!line) return error;
  const field = failedColumn.exec(message)?.[1];
  const index = field && /^c\d+$/.test(field) ? Number(field.slice(1)) : undefined;
  return new CsvRecordError(csvPath, Number(line[1]), index !== undefined ? columns[index] : undefined, message.split(':')[0]);
}
