import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ObjectStore } from './object-store';
import { InvalidObjectKeyError, ObjectNotFoundError } from './object-store-errors';

/**
 * The behaviour every ObjectStore must have. `factory` returns a store that is
 * empty and not shared with other tests; it is called once per test.
 */
export function describeObjectStore(name: string, factory: () => Promise<ObjectStore>): void {
  describe(`ObjectStore behaviour: ${name}`, () => {
    let store: ObjectStore;
    let scratch: string;

    beforeAll(async () => {
      scratch = await mkdtemp(path.join(tmpdir(), 'northstar-store-suite-'));
    });
    afterAll(async () => {
      await rm(scratch, { recursive: true, force: true });
    });
    beforeEach(async () => {
      store = await factory();
    });

    it('reads back text it wrote, including empty and multi-byte text', async () => {
      await store.putText('a/b/_manifest.json', '{"rows": 3, "name": "Zoë ʤ 😀"}');
      await store.putText('a/empty.txt', '');
      expect(await store.getText('a/b/_manifest.json')).toBe('{"rows": 3, "name": "Zoë ʤ 😀"}');
      expect(await store.getText('a/empty.txt')).toBe('');
    });

    it('answers undefined / false for a missing key instead of throwing', async () => {
      expect(await store.getText('nope/missing.json')).toBeUndefined();
      expect(await store.exists('nope/missing.json')).toBe(false);
      await expect(store.downloadFile('nope/missing.json', path.join(scratch, 'never'))).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('overwrites text and files in place', async () => {
      await store.putText('k.txt', 'first version, longer');
      await store.putText('k.txt', 'second');
      expect(await store.getText('k.txt')).toBe('second');
      const file = path.join(scratch, 'over.bin');
      await writeFile(file, 'file body');
      await store.putFile('k.txt', file);
      expect(await store.getText('k.txt')).toBe('file body');
      expect(await store.list('k')).toEqual([{ key: 'k.txt', size: 9 }]);
    });

    it('puts text only when the key is absent, leaving an existing object untouched', async () => {
      expect(await store.putIfAbsent('once/_manifest.json', 'first')).toBe(true);
      expect(await store.putIfAbsent('once/_manifest.json', 'second')).toBe(false);
      expect(await store.getText('once/_manifest.json')).toBe('first');
      await store.delete('once/_manifest.json');
      expect(await store.putIfAbsent('once/_manifest.json', 'third')).toBe(true);
      expect(await store.list('once/')).toEqual([{ key: 'once/_manifest.json', size: 5 }]);
    });

    it('deletes, and deleting a missing key is not an error', async () => {
      await store.putText('d/x.txt', 'x');
      expect(await store.exists('d/x.txt')).toBe(true);
      await store.delete('d/x.txt');
      await store.delete('d/x.txt');
      expect(await store.exists('d/x.txt')).toBe(false);
      expect(await store.getText('d/x.txt')).toBeUndefined();
      expect(await store.list('d/')).toEqual([]);
    });

    it('lists recursively, sorted by key, with sizes, filtered by a plain string prefix', async () => {
      for (const key of ['r/z.txt', 'r/b/2.txt', 'r/a/1.txt', 'r/a/deep/er/3.txt', 'rest.txt', 'r2/x.txt', 'other/r/y.txt']) {
        await store.putText(key, `body of ${key}`);
      }
      expect(await store.list('r/')).toEqual([
        { key: 'r/a/1.txt', size: 'body of r/a/1.txt'.length },
        { key: 'r/a/deep/er/3.txt', size: 'body of r/a/deep/er/3.txt'.length },
        { key: 'r/b/2.txt', size: 'body of r/b/2.txt'.length },
        { key: 'r/z.txt', size: 'body of r/z.txt'.length },
      ]);
      expect((await store.list('r')).map((o) => o.key)).toEqual(['r/a/1.txt', 'r/a/deep/er/3.txt', 'r/b/2.txt', 'r/z.txt', 'r2/x.txt', 'rest.txt']);
      expect((await store.list('r/a/de')).map((o) => o.key)).toEqual(['r/a/deep/er/3.txt']);
      expect((await store.list('')).length).toBe(7);
      expect(await store.list('absent/')).toEqual([]);
    });

    it('does not report a "directory" as an object', async () => {
      await store.putText('dir/inner.txt', 'x');
      expect(await store.exists('dir')).toBe(false);
      expect(await store.getText('dir')).toBeUndefined();
    });

    it('lists more keys than fit in one page', async () => {
      const keys = Array.from({ length: 23 }, (_, i) => `many/part-${String(i).padStart(5, '0')}.parquet`);
      await Promise.all(keys.map((key) => store.putText(key, key)));
      expect((await store.list('many/')).map((o) => o.key)).toEqual(keys);
    });

    it('keeps keys with spaces, unicode and URL-special characters exact', async () => {
      const key = 'load_date=2026-11-29/dir with space/Zoë ʤ 😀 #1+2%3&x=y.json';
      await store.putText(key, 'odd');
      expect(await store.getText(key)).toBe('odd');
      expect(await store.exists(key)).toBe(true);
      expect(await store.list('load_date=2026-11-29/')).toEqual([{ key, size: 3 }]);
      expect(store.locate(key).endsWith('Zoë ʤ 😀 #1+2%3&x=y.json')).toBe(true);
    });

    it('streams a multi-megabyte file up and down unchanged', async () => {
      const source = path.join(scratch, 'big-source.bin');
      const content = randomBytes(6 * 1024 * 1024 + 123);
      await writeFile(source, content);
      await store.putFile('big/part-00000.parquet', source);
      const target = path.join(scratch, 'download', 'nested', 'big.bin');
      await store.downloadFile('big/part-00000.parquet', target);
      const digest = (data: Buffer) => createHash('sha256').update(data).digest('hex');
      expect(digest(await readFile(target))).toBe(digest(content));
      expect(await store.list('big/')).toEqual([{ key: 'big/part-00000.parquet', size: content.length }]);
    });

    it('streams an object as read, and gives a replaced object a new etag', async () => {
      await store.putText('v/a.csv', 'id\n1\n');
      await store.putText('v/b.csv', 'id\n2\n');
      const [before] = await store.listVersions('v/a');
      expect(before).toMatchObject({ key: 'v/a.csv', size: 5 });
      expect(before.etag).not.toBe('');
      expect((await store.listVersions('v/a'))[0].etag).toBe(before.etag);
      await store.putText('v/a.csv', 'id\n3\n');
      const [after] = await store.listVersions('v/a');
      expect(after.etag).not.toBe(before.etag);
      const chunks: Buffer[] = [];
      for await (const chunk of await store.openRead('v/a.csv')) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString('utf8')).toBe('id\n3\n');
      await expect(store.openRead('v/absent.csv')).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('rejects keys that are empty, absolute or climb out of the store', async () => {
      for (const bad of ['', '/etc/passwd', '../x', 'a/../../x', 'a/./b', 'a//b', 'a/', 'a\\b']) {
        await expect(store.putText(bad, 'x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
        await expect(store.getText(bad)).rejects.toBeInstanceOf(InvalidObjectKeyError);
        expect(() => store.locate(bad)).toThrow(InvalidObjectKeyError);
      }
      await expect(store.list('../')).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.delete('../x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(store.exists('/x')).rejects.toBeInstanceOf(InvalidObjectKeyError);
    });

    it('has a URL and locates keys under it', async () => {
      expect(store.url).toMatch(/^(file|s3):\/\//);
      await store.putText('loc/a.txt', 'x');
      expect(store.locate('loc/a.txt')).toMatch(/loc[/\\]a\.txt$/);
    });
  });
}
