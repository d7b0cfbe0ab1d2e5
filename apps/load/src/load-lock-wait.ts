import * as path from 'node:path';
import { TransientError, type RunMode } from '@northstar/core';
import { fragment, renderSql, sqlTemplatesIn } from '@northstar/sql';
import { tableExists, type Warehouse } from '@northstar/warehouse';
import { SourceLoadLock, type SourceLoadLockOptions } from './source-load-lock';

const sql = sqlTemplatesIn(path.join(__dirname, '../sql'));
const takeSql = sql('take_load_lock');
const readSql = sql('read_load_lock');
const dropSql = sql('drop_load_lock');

/**
 * How long a load waits in place for its source's lock before it stops as
 * transient (exit 75): a third of the hourly run's 45-minute budget, above
 * one backfill day's load, which is the longest an hourly load waits.
 */
export const LOAD_LOCK_WAIT_MS = 15 * 60_000;
const POLL_MS = 5_000;

export interface LockWaitOptions {
  /** Waiting in place at most this long; then exit 75 as before, and Batch retries. */
  readonly waitMs: number;
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/** Hourly and nightly loads wait in place and mark that they wait; backfill loads give way to them. */
export function lockWaitFor(mode: RunMode): LockWaitOptions & { readonly yieldToWaiters: boolean } {
  return { waitMs: LOAD_LOCK_WAIT_MS, pollMs: POLL_MS, sleep: (ms) => new Promise((r) => setTimeout(r, ms)), now: Date.now, yieldToWaiters: mode === 'backfill' };
}

/**
 * Takes the source's load lock, waiting in place while another load holds
 * it. Who waits: a backfill holds the lock for one day chunk's load at a
 * time, and before each chunk's load gives way to a scheduled load waiting
 * (its mark, `ops.load_wait__<source>`), so an hourly load waits at most for
 * the chunk load in progress, never the backfill. A mark older than the wait
 * bound is a waiter that died and is ignored.
 */
export async function takeLoadLockWaiting(
  warehouse: Warehouse,
  source: string,
  runId: string,
  lock: SourceLoadLockOptions,
  wait: LockWaitOptions & { readonly yieldToWaiters: boolean },
): Promise<SourceLoadLock> {
  const started = wait.now();
  const waited = () => wait.now() - started;
  let marked = false;
  let told = false;
  try {
    for (;;) {
      if (wait.yieldToWaiters && (await someoneWaits(warehouse, source, wait.waitMs))) {
        if (waited() >= wait.waitMs) throw new TransientError(`${source}: a scheduled load has been waiting for the source for ${Math.round(waited() / 1000)} s; this backfill load gives way, stopped before loading anything and is retried`);
      } else {
        try {
          return await SourceLoadLock.take(warehouse, source, runId, lock);
        } catch (error) {
          if (!(error instanceof TransientError) || waited() >= wait.waitMs) throw error;
          if (!wait.yieldToWaiters && !marked) marked = await markWaiting(warehouse, source, runId);
          if (!told) lock.logger.info({ source, waitMinutes: wait.waitMs / 60_000 }, `waiting for the load lock: ${error.message}`);
          told = true;
        }
      }
      await wait.sleep(wait.pollMs);
    }
  } finally {
    if (marked) await warehouse.run(renderSql(dropSql, warehouse.dialect, { idents: { lock_table: waitTable(source) } })).catch(() => undefined);
  }
}

export function waitTable(source: string): string {
  return `ops.load_wait__${source}`;
}

/** Creates the mark (the lock's own statement: atomic); false when another waiter's mark is there already. */
async function markWaiting(warehouse: Warehouse, source: string, runId: string): Promise<boolean> {
  try {
    await warehouse.run(renderSql(takeSql, warehouse.dialect, { idents: { lock_table: waitTable(source) }, fragments: { holder: fragment(warehouse.dialect.literal(runId)) } }));
    return true;
  } catch {
    return false;
  }
}

async function someoneWaits(warehouse: Warehouse, source: string, freshForMs: number): Promise<boolean> {
  if (!(await tableExists(warehouse, waitTable(source)))) return false;
  const rows = await warehouse.query<{ acquired_at: string | Date; checked_at: string | Date }>(renderSql(readSql, warehouse.dialect, { idents: { lock_table: waitTable(source) } })).catch(() => []);
  const row = rows[0];
  return row !== undefined && new Date(row.checked_at).getTime() - new Date(row.acquired_at).getTime() < freshForMs;
}
