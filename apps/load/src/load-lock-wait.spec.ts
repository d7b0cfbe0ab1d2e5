import { silentLogger, TransientError } from '@northstar/core';
import { ensureWarehouseSchemas, tableExists } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { takeLoadLockWaiting, waitTable, type LockWaitOptions } from './load-lock-wait';
import { SourceLoadLock } from './source-load-lock';

const lock = { ttlMs: 4 * 3_600_000, logger: silentLogger() };

/** Time moves only when a load sleeps between polls, so the bound is counted in polls, not measured. */
function pollingClock(onSleep: (polls: number) => Promise<void> = async () => undefined): LockWaitOptions & { polls: () => number } {
  let t = 0;
  let polls = 0;
  return { waitMs: 10 * 60_000, pollMs: 60_000, now: () => t, sleep: async (ms) => { t += ms; await onSleep(++polls); }, polls: () => polls };
}

describe('takeLoadLockWaiting: an hourly load during a backfill', () => {
  let db: TempDuckDb;
  beforeEach(async () => {
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
  });
  afterEach(() => db.dispose());

  const chunkLoad = (runId: string) => SourceLoadLock.take(db.warehouse, 'orders_db', runId, lock);

  it('waits in place while a backfill chunk loads, and takes the lock when that one chunk releases it', async () => {
    const chunk = await chunkLoad('backfill-20261101T00-20261102T00');
    const clock = pollingClock(async (polls) => {
      if (polls === 3) await chunk.release();
    });
    const hourly = await takeLoadLockWaiting(db.warehouse, 'orders_db', 'hourly-20261205T09', lock, { ...clock, yieldToWaiters: false });
    expect(hourly.holder).toMatch(/^hourly-20261205T09#/);
    expect(clock.polls()).toBe(3);
    // Its mark is gone once it holds the lock.
    expect(await tableExists(db.warehouse, waitTable('orders_db'))).toBe(false);
  });

  it('the next chunk\'s load gives way to the waiting hourly load, so the hourly waits for one chunk, not the backfill', async () => {
    const first = await chunkLoad('backfill-20261101T00-20261102T00');
    const order: string[] = [];
    let nextChunk: Promise<SourceLoadLock> | undefined;
    const hourlyClock = pollingClock(async (polls) => {
      if (polls !== 1) return;
      // While the hourly load waits: the first chunk's load ends and the backfill starts the next one's.
      await first.release();
      order.push('chunk 1 released');
      // The chunk's polls take real time too, so its bound outlasts the hourly load's turn on a busy machine.
      const chunkClock = pollingClock(() => new Promise((r) => setTimeout(r, 200)));
      nextChunk = takeLoadLockWaiting(db.warehouse, 'orders_db', 'backfill-20261102T00-20261103T00', lock, { ...chunkClock, yieldToWaiters: true }).then((l) => {
        order.push('chunk 2 took the lock');
        return l;
      });
      await new Promise((r) => setTimeout(r, 50));
    });
    const hourly = await takeLoadLockWaiting(db.warehouse, 'orders_db', 'hourly-20261205T09', lock, { ...hourlyClock, yieldToWaiters: false });
    order.push('hourly took the lock');
    await hourly.release();
    await (await nextChunk)?.release();
    expect(order).toEqual(['chunk 1 released', 'hourly took the lock', 'chunk 2 took the lock']);
  });

  it('stops as transient (exit 75) once it has waited its bound, so Batch retries it instead of it waiting for ever', async () => {
    await chunkLoad('backfill-20261101T00-20261102T00');
    const clock = pollingClock();
    await expect(takeLoadLockWaiting(db.warehouse, 'orders_db', 'hourly-20261205T09', lock, { ...clock, yieldToWaiters: false })).rejects.toThrow(TransientError);
    expect(clock.polls()).toBe(10);
    expect(await tableExists(db.warehouse, waitTable('orders_db'))).toBe(false);
  });
});
