import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { OrdersDbStatements } from '../orders-db-statements';

/** Another process holding the DuckDB warehouse file; `release` lets go and waits for it to exit. */
export async function holdWarehouseFile(file: string): Promise<{ release(): Promise<void> }> {
  mkdirSync(path.dirname(file), { recursive: true });
  const child = spawn(process.execPath, [path.join(__dirname, 'hold-duckdb-file.cjs'), file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the warehouse holder exited (${code}) before holding ${file}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', () => resolve());
  });
  return {
    async release() {
      child.stdin?.end();
      await exited;
    },
  };
}

/**
 * A tmpfs of `kib` KiB mounted on `dir` (created if absent): a spool directory
 * that fills up. Needs root and a kernel that allows the mount; the error says
 * why when it does not.
 */
export function mountSmallTmpfs(dir: string, kib: number): { unmount(): void } {
  mkdirSync(dir, { recursive: true });
  const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mount.status !== 0) throw new Error(`cannot mount a ${kib} KiB tmpfs on ${dir}: ${(mount.stderr || mount.error?.message || '').trim()}`);
  return {
    unmount() {
      spawnSync('umount', [dir]);
    },
  };
}

/** Ends the extractor's sessions on the orders DB, as a server restart would; returns how many there were and how many were streaming a COPY. */
export async function terminateExtractorSessions(adminUrl: string, sourceUrl: string): Promise<{ sessions: number; inCopy: number }> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const rows = await new OrdersDbStatements(client).run('faults/terminate_extractor_sessions', {
      params: { database: new URL(sourceUrl).pathname.slice(1), application_name: 'northstar-extract-orders-db' },
    });
    return { sessions: rows.length, inCopy: rows.filter((r) => r['in_copy'] === true).length };
  } finally {
    await client.end();
  }
}
