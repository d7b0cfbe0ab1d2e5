import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs tasks one at a time, in call order. A warehouse has one connection and
 * a transaction must not interleave with other statements, so every call
 * waits its turn. Calling the queue again from inside a running task would
 * wait for itself for ever; that is reported as an error instead.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  // Marks the async context of the running task; `active` turns false when it ends, so work
  // the task left behind may use the queue later.
  private readonly inside = new AsyncLocalStorage<{ active: boolean }>();

  constructor(private readonly reentryMessage: string) {}

  run<T>(task: () => Promise<T>): Promise<T> {
    if (this.inside.getStore()?.active) return Promise.reject(new Error(this.reentryMessage));
    const result = this.tail.then(() => {
      const marker = { active: true };
      return this.inside.run(marker, task).finally(() => (marker.active = false));
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every task queued so far has finished. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
