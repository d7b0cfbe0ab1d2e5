import { mkdir, readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';

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

function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
