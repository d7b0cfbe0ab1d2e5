import { DataContractError } from '@northstar/core';

const csvFailure = /CSV Error on Line: (\d+)/;
const failedColumn = /converting column "([^"]*)"/;

/**
 * DuckDB's CSV errors quote the offending line, which may hold PII the mask
 * was about to hide. Keep the line number and column, drop the data, and make
 * it a contract violation (exit 3): rerunning the same input fails the same way.
 */
export function csvDataError(error: unknown, csvPath: string, columnNames: readonly string[]): unknown {
  const message = (error as Error | undefined)?.message ?? '';
  const line = csvFailure.exec(message);
  if (!line) return error;
  const field = failedColumn.exec(message)?.[1];
  const index = field && /^c\d+$/.test(field) ? Number(field.slice(1)) : undefined;
  const column = index !== undefined ? columnNames[index] : undefined;
  const kind = message.split(':')[0];
  const where = column ? `, column ${column}` : '';
  return new DataContractError(`${csvPath}: record on line ${line[1]}${where} does not match the contract (${kind})`);
}
