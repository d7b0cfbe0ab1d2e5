import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { openSpoolDirectory } from './spool-directory';

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
