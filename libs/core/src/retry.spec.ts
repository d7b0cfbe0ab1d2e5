import { ConfigError, TransientError } from './errors';
import { withRetry } from './retry';

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

/** Fails with `errors` in turn, then returns the attempt number. */
function failing(...errors: unknown[]) {
  const attempts: number[] = [];
  const operation = async (attempt: number) => {
    attempts.push(attempt);
    if (attempt <= errors.length) throw errors[attempt - 1];
    return `done on ${attempt}`;
  };
  return { attempts, operation };
}

describe('withRetry', () => {
  it('retries transient errors with capped exponential backoff and full jitter', async () => {
    const { sleeps, sleep } = recorder();
    const { attempts, operation } = failing(new TransientError('1'), new TransientError('2'), new TransientError('3'));
    const result = await withRetry(operation, { attempts: 5, baseDelayMs: 100, maxDelayMs: 250, sleep, random: () => 0.5 });
    expect(result).toBe('done on 4');
    expect(attempts).toEqual([1, 2, 3, 4]);
    expect(sleeps).toEqual([50, 100, 125]);
  });

  it('does not retry an error that is not transient', async () => {
    const { sleeps, sleep } = recorder();
    const { attempts, operation } = failing(new ConfigError('bad'));
    await expect(withRetry(operation, { attempts: 5, baseDelayMs: 1, sleep })).rejects.toThrow(ConfigError);
    expect(attempts).toEqual([1]);
    expect(sleeps).toEqual([]);
  });

  it('gives up after the last attempt with the last error', async () => {
    const { sleep } = recorder();
    const last = new TransientError('third');
    const { attempts, operation } = failing(new TransientError('first'), new TransientError('second'), last);
    await expect(withRetry(operation, { attempts: 3, baseDelayMs: 1, sleep })).rejects.toBe(last);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('waits as long as the server asks, over its own backoff', async () => {
    const { sleeps, sleep } = recorder();
    const throttled = Object.assign(new Error('slow down'), { statusCode: 429, retryAfterMs: 7000 });
    const { operation } = failing(throttled);
    const delayHint = (e: unknown) => (e as { retryAfterMs?: number }).retryAfterMs;
    await withRetry(operation, { attempts: 2, baseDelayMs: 10, sleep, delayHint, random: () => 0.99 });
    expect(sleeps).toEqual([7000]);
  });

  it('lets the caller choose what to retry and hear about each retry', async () => {
    const { sleep } = recorder();
    const heard: [string, number, number][] = [];
    const { operation } = failing(new Error('flaky'));
    const result = await withRetry(operation, {
      attempts: 2,
      baseDelayMs: 40,
      sleep,
      random: () => 0.25,
      retryOn: (e) => (e as Error).message === 'flaky',
      onRetry: (e, attempt, delay) => heard.push([(e as Error).message, attempt, delay]),
    });
    expect(result).toBe('done on 2');
    expect(heard).toEqual([['flaky', 1, 10]]);
  });
});
