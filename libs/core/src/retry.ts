import { isTransient } from './errors';

export interface RetryOptions {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs?: number;
  /** Retry this error? Default: errors that map to exit code 75. */
  readonly retryOn?: (error: unknown) => boolean;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Server-sent wait (e.g. Retry-After), which wins over backoff when present. */
  readonly delayHint?: (error: unknown) => number | undefined;
  /** Jitter source in [0, 1); injected by tests so delays are known. */
  readonly random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The one retry helper: capped exponential backoff with full jitter. */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const retryOn = options.retryOn ?? isTransient;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !retryOn(error)) throw error;
      const cap = Math.min(options.maxDelayMs ?? 30_000, options.baseDelayMs * 2 ** (attempt - 1));
      const delay = options.delayHint?.(error) ?? Math.round((options.random ?? Math.random)() * cap);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
