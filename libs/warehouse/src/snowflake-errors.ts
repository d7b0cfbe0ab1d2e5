import { ConfigError, ExitCode, exitCodeFor, isTransient, TransientError } from '@northstar/core';
import { firstSqlLine } from './first-sql-line';
import { ValueConversionError } from './value-conversion-error';

// snowflake-sdk's own codes for "could not reach / bad response from" Snowflake or its result storage.
const networkCodes = new Set([401001, 401002, 402001, 402002]);
// Server code 000625: too many statements queued on one table lock; they drain, so a retry can succeed.
const serverTransientCodes = new Set(['000625']);

interface SnowflakeErrorShape {
  readonly code?: unknown;
  readonly sqlState?: unknown;
  readonly response?: { readonly status?: unknown; readonly statusCode?: unknown };
  readonly cause?: unknown;
}

export function isTransientSnowflakeError(error: unknown): boolean {
  const e = (error ?? {}) as SnowflakeErrorShape;
  if (typeof e.code === 'number' && networkCodes.has(e.code)) return true;
  if (typeof e.code === 'string' && serverTransientCodes.has(e.code)) return true;
  if (typeof e.sqlState === 'string' && e.sqlState.startsWith('08')) return true;
  const status = Number(e.response?.status ?? e.response?.statusCode);
  if (status === 429 || status === 502 || status === 503 || status === 504) return true;
  return isTransient(error) || (e.cause !== undefined && e.cause !== error && isTransientSnowflakeError(e.cause));
}

/** SQLSTATE class 22, "data exception": a value that does not convert to, or fit, its type. */
function isDataException(error: unknown): boolean {
  const sqlState = (error as SnowflakeErrorShape | null)?.sqlState;
  return typeof sqlState === 'string' && sqlState.startsWith('22');
}

/**
 * Network trouble and throttling become TransientError (exit 75), a value
 * that does not convert becomes ValueConversionError; each names the statement.
 */
export function translateSnowflakeError(error: unknown, sql: string | undefined): Error {
  const message = error instanceof Error ? error.message : String(error);
  const where = sql === undefined ? 'Snowflake' : `Snowflake failed on "${firstSqlLine(sql)}"`;
  // Before the network codes: the SDK wraps a mistyped account's unresolvable host name (ENOTFOUND) as a network error.
  if (exitCodeFor(error) === ExitCode.badInput || /\bENOTFOUND\b/.test(message)) return new ConfigError(`${where}: ${message}`, { cause: error });
  if (isTransientSnowflakeError(error)) return new TransientError(`${where}: ${message}`, { cause: error });
  if (isDataException(error)) return new ValueConversionError(`${where}: ${message}`, { cause: error });
  return new Error(`${where}: ${message}`, { cause: error });
}
