import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { ConfigError, exitCodeFor, TransientError, type Logger } from '@northstar/core';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openSpoolDirectory, whileSpooling, withSpoolDirectory } from './spool-directory';

describe('openSpoolDirectory', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'northstar-spool-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('removes the spool of an extractor killed mid-run (clear PII), keeps a running one\'s, and opens its own', async () => {
    for (const name of ['extract-4000001', 'extract-4000002', `extract-${process.pid}`, 'unrelated']) {
      await mkdir(path.join(root, name, 'customers-abc'), { recursive: true });
      await writeFile(path.join(root, name, 'customers-abc', 'part-0.csv'), '1,jane@example.com\n');
    }
    const { dir, cleared } = await openSpoolDirectory(root, (pid) => pid === 4000002);
    expect(cleared.sort()).toEqual(['extract-4000001', `extract-${process.pid}`].sort());
    expect(dir).toBe(path.join(root, `extract-${process.pid}`));
    expect(await readdir(dir)).toEqual([]);
    expect((await readdir(root)).sort()).toEqual(['extract-4000002', `extract-${process.pid}`, 'unrelated'].sort());
    expect(existsSync(path.join(root, 'extract-4000002', 'customers-abc', 'part-0.csv'))).toBe(true);
  });

  it('sees a dead pid as dead without being told', async () => {
    await mkdir(path.join(root, 'extract-4194304'));
    expect((await openSpoolDirectory(root)).cleared).toEqual(['extract-4194304']);
  });
});

describe('whileSpooling', () => {
  const root = '/var/spool/northstar/tmp';

  it('fails a real ENOSPC (a write to /dev/full) as transient, exit 75, naming the spool directory and the write', async () => {
    const failure = await whileSpooling(root, () => writeFile('/dev/full', 'order_id,email\n1,jane@example.com\n')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TransientError);
    expect(exitCodeFor(failure)).toBe(75);
    expect((failure as Error).message).toMatch(/^the spool directory \/var\/spool\/northstar\/tmp is full: .*ENOSPC/);
  });

  it('does the same for an ENOSPC wrapped as a cause (a CSV part) and for DuckDB\'s words, which carry no code', async () => {
    const csv = new Error('cannot write CSV part /x/part-00000.csv: ENOSPC: no space left on device, write', { cause: Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }) });
    const duckdb = new Error('IO Error: Could not write file "/x/orders.parquet": No space left on device');
    for (const error of [csv, duckdb]) {
      await expect(whileSpooling(root, () => Promise.reject(error))).rejects.toThrow(new RegExp(`^the spool directory ${root} is full`));
    }
  });

  it('leaves other failures, and a full disk already classified, as they were', async () => {
    const other = new Error('boom');
    const classified = new ConfigError('NORTHSTAR_HOME: No space left on device at start-up');
    await expect(whileSpooling(root, () => Promise.reject(other))).rejects.toBe(other);
    await expect(whileSpooling(root, () => Promise.reject(classified))).rejects.toBe(classified);
    await expect(whileSpooling(root, () => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('withSpoolDirectory', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'northstar-spool-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("runs the work in this process's spool, clears a dead extractor's first, and removes its own even when the work fails", async () => {
    await mkdir(path.join(root, 'extract-4194304'));
    const warnings: unknown[] = [];
    const logger = { warn: (fields: unknown) => void warnings.push(fields) } as unknown as Logger;
    const failure = await withSpoolDirectory(root, logger, async (dir) => {
      expect(dir).toBe(path.join(root, `extract-${process.pid}`));
      await writeFile(path.join(dir, 'part-0.csv'), '1,jane@example.com\n');
      throw new ConfigError('the work failed');
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigError);
    expect(warnings).toEqual([{ cleared: ['extract-4194304'] }]);
    expect(await readdir(root)).toEqual([]);
    expect(await withSpoolDirectory(root, logger, async (dir) => path.basename(dir))).toBe(`extract-${process.pid}`);
    expect(await readdir(root)).toEqual([]);
  });
});
