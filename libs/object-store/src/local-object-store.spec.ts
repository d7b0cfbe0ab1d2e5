import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode, exitCodeFor } from '@northstar/core';
import { LocalObjectStore } from './local-object-store';
import { describeObjectStore } from './object-store.suite';

let root: string;
let count = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'northstar-local-store-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function freshStore(): LocalObjectStore {
  count += 1;
  return new LocalObjectStore(path.join(root, `store ${count}`));
}

describeObjectStore('LocalObjectStore', async () => freshStore());

describe('LocalObjectStore', () => {
  it('has a file: URL and locates keys as absolute paths an engine can open', async () => {
    const store = freshStore();
    const base = path.join(root, `store ${count}`);
    expect(store.url).toBe(pathToFileURL(base).href);
    await store.putText('raw/orders/part-00000.csv', 'a,b');
    const located = store.locate('raw/orders/part-00000.csv');
    expect(located).toBe(path.join(base, 'raw', 'orders', 'part-00000.csv'));
    expect(await readFile(located, 'utf8')).toBe('a,b');
  });

  it('creates nothing until the first write', async () => {
    const store = freshStore();
    expect(await store.list('')).toEqual([]);
    expect(existsSync(path.join(root, `store ${count}`))).toBe(false);
  });

  it('leaves no temp files behind, even when writes to one key race', async () => {
    const store = freshStore();
    const texts = Array.from({ length: 20 }, (_, i) => `version ${i}`);
    await Promise.all(texts.map((text) => store.putText('m/_manifest.json', text)));
    expect(texts).toContain(await store.getText('m/_manifest.json'));
    expect(await readdir(path.join(root, `store ${count}`, 'm'))).toEqual(['_manifest.json']);
  });

  it('removes its temp file when a write fails', async () => {
    const store = freshStore();
    await expect(store.putFile('x/y.bin', path.join(root, 'no such file'))).rejects.toThrow(/ENOENT/);
    expect(await readdir(path.join(root, `store ${count}`, 'x'))).toEqual([]);
  });

  it('reports a raw root that is not a usable directory as a configuration error (exit 2) naming the path', async () => {
    const notADir = path.join(root, `file-${++count}`);
    await writeFile(notADir, 'x');
    const store = new LocalObjectStore(notADir);
    const failure = await store.putText('orders_db/orders/_manifest.json', '{}').catch((error: unknown) => error);
    expect(exitCodeFor(failure)).toBe(ExitCode.badInput);
    expect((failure as Error).message).toContain(`local raw zone: write of ${path.join(notADir, 'orders_db', 'orders', '_manifest.json')} failed`);
  });

  it('does not list files that look like its own temp files', async () => {
    const store = freshStore();
    await store.putText('t/a.txt', 'a');
    await writeFile(path.join(root, `store ${count}`, 't', '.ns-tmp-123'), 'half');
    expect((await store.list('t/')).map((o) => o.key)).toEqual(['t/a.txt']);
  });

  it('lets exactly one of many racing conditional puts win, and leaves no temp files', async () => {
    const store = freshStore();
    const texts = Array.from({ length: 20 }, (_, i) => `attempt ${i}`);
    const won = await Promise.all(texts.map((text) => store.putIfAbsent('m/_manifest.json', text)));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await store.getText('m/_manifest.json')).toBe(texts[won.indexOf(true)]);
    expect(await readdir(path.join(root, `store ${count}`, 'm'))).toEqual(['_manifest.json']);
  });
});
