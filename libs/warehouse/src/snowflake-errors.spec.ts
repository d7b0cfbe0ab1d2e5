import { ConfigError, ExitCode, exitCodeFor, TransientError } from '@northstar/core';
import { translateSnowflakeError } from './snowflake-errors';
import { ValueConversionError } from './value-conversion-error';

const sdkError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe('translateSnowflakeError', () => {
  it.each([
    ['could not connect', sdkError('Network error. Could not reach Snowflake.', { code: 401001 })],
    ['bad response', sdkError('Request to Snowflake failed.', { code: 401002 })],
    ['result chunk download', sdkError('Network error. Could not reach S3/Blob.', { code: 402001 })],
    ['throttled', sdkError('Too many requests', { response: { status: 429 } })],
    ['service unavailable', sdkError('unavailable', { response: { statusCode: 503 } })],
    ['connection exception', sdkError('connection reset', { sqlState: '08006' })],
    ['lock queue full', sdkError('Statement ... waiters for this lock exceeds the 20 statements limit', { code: '000625' })],
    ['socket reset underneath', sdkError('request failed', { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) })],
  ])('maps %s to TransientError (exit 75)', (_name, error) => {
    const translated = translateSnowflakeError(error, 'merge into curated.fct_orders as t\nusing ...');
    expect(translated).toBeInstanceOf(TransientError);
    expect(exitCodeFor(translated)).toBe(ExitCode.transient);
    expect(translated.cause).toBe(error);
  });

  it.each([
    ['in the cause', sdkError('Network error. Could not reach Snowflake.', { code: 401001, cause: Object.assign(new Error('getaddrinfo ENOTFOUND myorg-typo.snowflakecomputing.com'), { code: 'ENOTFOUND' }) })],
    ['in the message', sdkError('Network error. getaddrinfo ENOTFOUND myorg-typo.snowflakecomputing.com', { code: 401001 })],
  ])('maps an account host that does not resolve (ENOTFOUND %s) to a configuration error (exit 2), not a retry', (_name, error) => {
    const translated = translateSnowflakeError(error, undefined);
    expect(translated).toBeInstanceOf(ConfigError);
    expect(exitCodeFor(translated)).toBe(ExitCode.badInput);
  });

  it('keeps SQL errors non-transient and names the statement', () => {
    const error = sdkError("SQL compilation error: Object 'RAW.NOPE' does not exist", { code: '002003', sqlState: '42S02' });
    const translated = translateSnowflakeError(error, '-- name: x\nselect * from raw.nope\nwhere 1 = 1');
    expect(translated).not.toBeInstanceOf(TransientError);
    expect(exitCodeFor(translated)).toBe(ExitCode.unexpected);
    expect(translated.message).toBe(`Snowflake failed on "select * from raw.nope": SQL compilation error: Object 'RAW.NOPE' does not exist`);
  });

  it.each([
    ['a string where a number belongs', sdkError("Numeric value 'abc' is not recognized", { code: '100038', sqlState: '22018' })],
    ['a Parquet value that does not cast', sdkError("Failed to cast variant value \"abc\" to FIXED", { code: '100071', sqlState: '22000' })],
  ])('reports %s (SQLSTATE class 22) as a ValueConversionError naming the statement, not as transient', (_name, error) => {
    const translated = translateSnowflakeError(error, 'copy into raw.orders_db__products (product_id)\nfrom (...)');
    expect(translated).toBeInstanceOf(ValueConversionError);
    expect(translated).not.toBeInstanceOf(TransientError);
    expect(translated.message).toBe(`Snowflake failed on "copy into raw.orders_db__products (product_id)": ${error.message}`);
    expect(translated.cause).toBe(error);
  });
});
