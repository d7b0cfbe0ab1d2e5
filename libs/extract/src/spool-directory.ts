import { mkdir, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { ExitCode, exitCodeFor, TransientError, type Logger } from '@northstar/core';

const spoolName = /^extract-(\d+)$/;

/**
 * This process's spool directory under `root` (`extract-<pid>`), after
 * removing those of extractors no longer running: spooled CSVs hold clear PII,
 * and a SIGKILL leaves them behind, as no cleanup runs. A directory named for
 * this very pid is a dead process's too (pid 1 in every container).
 */
export async function openSpoolDirectory(root: string, isRunning: (pid: number) => boolean = processIsRunning): Promise<{ dir: string; cleared: string[] }> {
  await mkdir(root, { recursive: true });
  const cleared: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const pid = Number(spoolName.exec(entry.name)?.[1] ?? Number.NaN);
    if (!entry.isDirectory() || Number.isNaN(pid) || (pid !== process.pid && isRunning(pid))) continue;
    await rm(path.join(root, entry.name), { recursive: true, force: true });
    cleared.push(entry.name);
  }
  const dir = path.join(root, `extract-${process.pid}`);
  await mkdir(dir, { recursive: true });
  return { dir, cleared };
}

/**
 * Runs `work` in this process's spool directory under `root`
 * (openSpoolDirectory, after clearing dead extractors' spools), a full disk
 * there failing as whileSpooling does, and removes the directory at the end,
 * failed or not: nothing spooled survives a run.
 */
export async function withSpoolDirectory<T>(root: string, logger: Logger, work: (dir: string) => Promise<T>): Promise<T> {
  const spool = await whileSpooling(root, () => openSpoolDirectory(root));
  if (spool.cleared.length > 0) logger.warn({ cleared: spool.cleared }, 'removed the spool files of extractors that ended without cleaning up (killed)');
  try {
    return await whileSpooling(root, () => work(spool.dir));
  } finally {
    await rm(spool.dir, { recursive: true, force: true });
  }
}

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Node's codes and DuckDB's words (its IO errors carry no code) for a disk or quota with no room left. */
const fullDiskCodes = new Set(['ENOSPC', 'EDQUOT']);
const fullDiskWords = /No space left on device|Disk quota exceeded/i;

/**
 * Runs `work`, the extract that spools under `root`; a full disk there (the
 * CSV parts, DuckDB's Parquet conversion) fails it as transient (exit 75)
 * naming the directory. A full disk is the host's state, not the data's: a
 * retry on another Fargate task, or after space is freed, can pass. Errors
 * already classified keep their code.
 */
export async function whileSpooling<T>(root: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (exitCodeFor(error) !== ExitCode.unexpected || !isFullDisk(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new TransientError(`the spool directory ${root} is full: free space there or give it more (a retry may pass once it has room); ${reason}`, { cause: error });
  }
}

function isFullDisk(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if ((typeof code === 'string' && fullDiskCodes.has(code)) || (e instanceof Error && fullDiskWords.test(e.message))) return true;
  }
  return false;
}
