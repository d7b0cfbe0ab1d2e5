import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export type BatchScheduling = { readonly applied: true } | { readonly applied: false; readonly reason: string };

/**
 * Asks Linux to schedule this process, every thread it has and every thread
 * it starts later, as batch work (SCHED_BATCH, what `chrt --batch` sets).
 *
 * Why: an extractor's Node thread is woken by every few kilobytes the
 * database sends, and under the default policy each wake-up preempts the
 * DuckDB thread converting the last part on the same core. SCHED_BATCH keeps
 * the priority but lets a waking thread wait for the tick, so each thread
 * runs longer and finds more data when it does: on one core the orders
 * extract's system time halved and its throughput rose by about a tenth
 * (docs/performance.md, decision D9). Needs no privilege; where `chrt`
 * (util-linux) is missing or the platform is not Linux, nothing changes and
 * the reason is returned for the log.
 */
export async function scheduleAsBatchWork(pid = process.pid): Promise<BatchScheduling> {
  if (process.platform !== 'linux') return { applied: false, reason: `SCHED_BATCH is Linux's; this is ${process.platform}` };
  try {
    await promisify(execFile)('chrt', ['--all-tasks', '--batch', '--pid', '0', String(pid)], { timeout: 5_000 });
    return { applied: true };
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const reason = failure.code === 'ENOENT' ? 'chrt (util-linux) is not installed' : (failure.stderr?.trim() || failure.message);
    return { applied: false, reason: `chrt --batch failed: ${reason}` };
  }
}
