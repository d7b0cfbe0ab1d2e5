/**
 * Every failure is one of these four outcomes; the exit code tells AWS Batch
 * whether a retry can help (only 75 is retried).
 */
export const ExitCode = {
  ok: 0,
  /** A bug: not one of the expected failures. Not retried, and pages someone. */
  unexpected: 1,
  badInput: 2,
  dataViolation: 3,
  transient: 75,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class NorthstarError extends Error {
  abstract readonly exitCode: ExitCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags, bad environment, bad operator input: fix and rerun. */
export class ConfigError extends NorthstarError {
  readonly exitCode = ExitCode.badInput;
}

/** The data broke its contract or a blocking quality check: retrying won't help. */
export class DataContractError extends NorthstarError {
  readonly exitCode = ExitCode.dataViolation;
}

/** Network blips, throttling, locks: the same job may succeed if run again. */
export class TransientError extends NorthstarError {
  readonly exitCode = ExitCode.transient;
}

/**
 * Network, lock and throttling codes a retry can outlive: Node socket errors,
 * undici (fetch) and axios timeouts, and PostgreSQL connection loss (class 08),
 * admin or crash shutdown and "starting up" (57P01-03: a failover or reboot
 * under way), serialization failure, deadlock, lock timeout and too many connections.
 */
const transientCodes = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
  '08000', '08001', '08003', '08006', '57P01', '57P02', '57P03', '40001', '40P01', '55P03', '53300',
]);

/**
 * ENOTFOUND: the resolver answered that the host name does not exist
 * (NXDOMAIN), nearly always a mistyped host in a URL, so a retry only delays
 * the fix. EAI_AGAIN, a resolver that did not answer, stays transient.
 */
const configCodes = new Set(['ENOTFOUND']);

/** Throttled or a gateway/upstream hiccup; other 5xx may be a bug on either side. */
const transientStatuses = new Set([429, 502, 503, 504]);

/**
 * Foreign errors count as transient only when they, or an error they wrap
 * (`cause`: fetch throws a TypeError whose cause is the ECONNRESET), carry a
 * known network, lock or throttle code or HTTP status, and as configuration
 * mistakes when they carry a code that only a config change can cure.
 */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof NorthstarError) return error.exitCode;
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof NorthstarError) return e.exitCode;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && transientCodes.has(code)) return ExitCode.transient;
    if (typeof code === 'string' && configCodes.has(code)) return ExitCode.badInput;
    const status = httpStatus(e);
    if (status !== undefined && transientStatuses.has(status)) return ExitCode.transient;
  }
  return ExitCode.unexpected;
}

/** Where the HTTP status sits: Stripe `statusCode`, axios `response.status`, AWS SDK `$metadata.httpStatusCode`. */
function httpStatus(error: object): number | undefined {
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown }; $metadata?: { httpStatusCode?: unknown } };
  const value = e.status ?? e.statusCode ?? e.response?.status ?? e.$metadata?.httpStatusCode;
  return typeof value === 'number' ? value : undefined;
}

export function isTransient(error: unknown): boolean {
  return exitCodeFor(error) === ExitCode.transient;
}
