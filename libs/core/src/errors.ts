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

const transientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', '57P01', '40001', '40P01', '53300']);

/** Foreign errors count as transient only when they carry a known network, lock or throttle code. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof NorthstarError) return error.exitCode;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && transientCodes.has(code)) return ExitCode.transient;
  if (isThrottle(error)) return ExitCode.transient;
  return ExitCode.unexpected;
}

function isThrottle(error: unknown): boolean {
  const status = (error as { status?: unknown; statusCode?: unknown } | null);
  const value = status?.status ?? status?.statusCode;
  return value === 429 || value === 503;
}

export function isTransient(error: unknown): boolean {
  return exitCodeFor(error) === ExitCode.transient;
}
