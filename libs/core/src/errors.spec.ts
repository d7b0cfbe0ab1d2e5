import { ConfigError, DataContractError, ExitCode, exitCodeFor, isTransient, NorthstarError, TransientError } from './errors';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('exit codes', () => {
  it('maps each Northstar error to the code AWS Batch acts on', () => {
    expect(exitCodeFor(new ConfigError('bad flag'))).toBe(2);
    expect(exitCodeFor(new DataContractError('column retyped'))).toBe(3);
    expect(exitCodeFor(new TransientError('throttled'))).toBe(75);
    expect(ExitCode).toEqual({ ok: 0, unexpected: 1, badInput: 2, dataViolation: 3, transient: 75 });
  });

  it('names errors after their class and keeps the cause', () => {
    const cause = new Error('socket hang up');
    const error = new TransientError('orders DB unreachable', { cause });
    expect(error).toBeInstanceOf(NorthstarError);
    expect(error.name).toBe('TransientError');
    expect(error.cause).toBe(cause);
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'UND_ERR_SOCKET', 'EAI_AGAIN', '40001', '40P01', '57P01', '08006'])('retries %s', (code) => {
    expect(exitCodeFor(withCode(code))).toBe(75);
  });

  it.each([
    ['57P02', 'crash shutdown'],
    ['57P03', 'the database system is starting up'],
  ])('retries PostgreSQL %s (%s), as a failover or reboot says it', (code, message) => {
    expect(exitCodeFor(Object.assign(new Error(message), { code, severity: 'FATAL' }))).toBe(75);
  });

  it('treats a host name that does not resolve as configuration, not a blip, even when wrapped', () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND bucket.no-such-host.invalid'), { code: 'ENOTFOUND', hostname: 'bucket.no-such-host.invalid' });
    expect(exitCodeFor(notFound)).toBe(2);
    expect(exitCodeFor(new TypeError('fetch failed', { cause: notFound }))).toBe(2);
    expect(isTransient(notFound)).toBe(false);
  });

  it.each([
    ['Stripe', { statusCode: 429 }],
    ['a plain status', { status: 503 }],
    ['axios', { response: { status: 429 } }],
    ['the AWS SDK', { $metadata: { httpStatusCode: 503 } }],
  ])('retries throttling reported the %s way', (_who, fields) => {
    expect(isTransient(Object.assign(new Error('throttled'), fields))).toBe(true);
  });

  it('retries a fetch TypeError whose cause is a reset connection', () => {
    expect(exitCodeFor(new TypeError('fetch failed', { cause: withCode('ECONNRESET') }))).toBe(75);
  });

  it('keeps a wrapped Northstar error’s code', () => {
    expect(exitCodeFor(new Error('load failed', { cause: new DataContractError('bad rows') }))).toBe(3);
  });

  it('treats anything else as a bug', () => {
    expect(exitCodeFor(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(1);
    expect(exitCodeFor(Object.assign(new Error('not found'), { status: 404 }))).toBe(1);
    expect(exitCodeFor(withCode('23505'))).toBe(1);
    expect(exitCodeFor('a string')).toBe(1);
    expect(exitCodeFor(null)).toBe(1);
  });

  it('does not loop on an error that is its own cause', () => {
    const error: Error & { cause?: unknown } = new Error('self');
    error.cause = error;
    expect(exitCodeFor(error)).toBe(1);
  });
});
