import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GoodRowSpool } from './good-row-spool';

describe('GoodRowSpool', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'good-row-spool-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back the batches as written, the unknown fields counted once for all rows, and removes its file', async () => {
    const spool = GoodRowSpool.in(dir, 'a.csv');
    spool.add('a,1\nb,2\n', 2);
    spool.add('c,"Köln, ""x"""\n', 1);
    const batches = [];
    for await (const batch of spool.read(['signed_by', 'header:status'])) batches.push({ ...batch, csv: batch.csv.toString() });
    expect(batches).toEqual([
      { csv: 'a,1\nb,2\n', records: 2, unknownFields: { signed_by: 3, 'header:status': 3 } },
      { csv: 'c,"Köln, ""x"""\n', records: 1 },
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is removed when a file is dropped before it is read, or the reader stops early', async () => {
    const dropped = GoodRowSpool.in(dir, 'dropped.csv');
    dropped.add('a\n', 1);
    dropped.remove();
    dropped.remove();
    expect(existsSync(path.join(dir, 'dropped.csv'))).toBe(false);
    const stopped = GoodRowSpool.in(dir, 'stopped.csv');
    stopped.add('a\n', 1);
    stopped.add('b\n', 1);
    for await (const batch of stopped.read([])) {
      expect(batch).toEqual({ csv: Buffer.from('a\n'), records: 1 });
      break;
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
