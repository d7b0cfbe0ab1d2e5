import { TransientError } from '@northstar/core';
import { firstSqlLine } from './first-sql-line';
import { ValueConversionError } from './value-conversion-error';

// Another process holds the file, or another connection in this process holds
// the rows: either finishes, so a retry can succeed.
const lockConflict = /Could not set lock on file|Conflicting lock is held/i;
const writeConflict = /TransactionContext Error: .*conflict/i;
// DuckDB names its error types in the message; these two mean a value did not fit its target type.
const valueConversion = /\b(Conversion|Out of Range) Error: /;

/**
 * DuckDB throws plain Errors; lock and write conflicts become TransientError (exit 75),
 * a value that does not convert becomes ValueConversionError, and every error
 * but the transient ones names the statement that failed.
 */
export function translateDuckDbError(error: unknown, sql: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (lockConflict.test(message)) return new TransientError(`DuckDB file is locked by another process: ${message}`, { cause: error });
  if (writeConflict.test(message)) return new TransientError(`DuckDB write conflict with another connection: ${message}`, { cause: error });
  if (sql === undefined) return error instanceof Error ? error : new Error(message);
  const described = `DuckDB failed on "${firstSqlLine(sql)}": ${message}`;
  if (valueConversion.test(message)) return new ValueConversionError(described, { cause: error });
  return new Error(described, { cause: error });
}
