import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ParquetColumn } from './parquet-column';
import { maskValue } from './mask-value';
import { ParquetWriter } from './parquet-writer';
import { readParquet } from './testing';

const columns: ParquetColumn[] = [
  { name: 'id', type: { kind: 'integer' }, mask: false },
  { name: 'email', type: { kind: 'string' }, mask: true },
  { name: 'phone', type: { kind: 'integer' }, mask: true },
];
// A value long enough that compression cannot hide it, and repeated so it would land in statistics and dictionaries.
const secretEmail = 'very.distinctive.person+tag@example-pii-domain.com';
const csv = `1,${secretEmail},5551234567\n2,"",\n3,,5551234567\n4,${secretEmail},42\n`;

let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'northstar-mask-'));
  await writeFile(path.join(dir, 'in.csv'), csv);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeMasked(writer: ParquetWriter, maskKey: string): Promise<string> {
  const out = path.join(dir, `masked-${++n}.parquet`);
  await writer.writeFromCsv({ csvPath: path.join(dir, 'in.csv'), parquetPath: out, columns, maskKey });
  return out;
}

describe('masking in ParquetWriter', () => {
  it('replaces masked values by their HMAC-SHA256 hex (the same as maskValue in TypeScript), keeps NULL, and types the column varchar', async () => {
    const writer = await ParquetWriter.open({ threads: 1 });
    try {
      const contents = await readParquet(await writeMasked(writer, 'k3y'));
      expect(contents.columns).toEqual([{ name: 'id', type: 'BIGINT' }, { name: 'email', type: 'VARCHAR' }, { name: 'phone', type: 'VARCHAR' }]);
      expect(contents.rows).toEqual([
        { id: '1', email: maskValue('k3y', secretEmail), phone: maskValue('k3y', '5551234567') },
        { id: '2', email: maskValue('k3y', ''), phone: null },
        { id: '3', email: null, phone: maskValue('k3y', '5551234567') },
        { id: '4', email: maskValue('k3y', secretEmail), phone: maskValue('k3y', '42') },
      ]);
    } finally {
      await writer.close();
    }
  });

  it('gives the same hashes from two writers and different hashes for another key', async () => {
    const first = await ParquetWriter.open({ threads: 1 });
    const second = await ParquetWriter.open({ threads: 2 });
    try {
      const a = (await readParquet(await writeMasked(first, 'key-one'))).rows;
      const b = (await readParquet(await writeMasked(second, 'key-one'))).rows;
      const c = (await readParquet(await writeMasked(second, 'key-two'))).rows;
      expect(b).toEqual(a);
      expect(c[0]['email']).not.toBe(a[0]['email']);
      expect(c[0]['id']).toBe(a[0]['id']);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('keeps parallel writes with different keys apart', async () => {
    const writer = await ParquetWriter.open({ threads: 2 });
    try {
      const keys = ['alpha', 'beta', 'gamma', 'delta'];
      const outs = await Promise.all(keys.map((key) => writeMasked(writer, key)));
      const emails = await Promise.all(outs.map(async (out) => (await readParquet(out)).rows[0]['email']));
      expect(emails).toEqual(keys.map((key) => maskValue(key, secretEmail)));
    } finally {
      await writer.close();
    }
  });

  it('leaves neither the raw value nor the key in the file bytes', async () => {
    const writer = await ParquetWriter.open({ threads: 1 });
    try {
      const key = 'mask-key-that-must-not-leak-0123456789';
      const bytes = await readFile(await writeMasked(writer, key));
      expect(bytes.includes(Buffer.from(secretEmail))).toBe(false);
      expect(bytes.includes(Buffer.from('5551234567'))).toBe(false);
      expect(bytes.includes(Buffer.from(key))).toBe(false);
      // The control: unmasked, the same value is visible in the file (statistics keep min/max in plain bytes).
      const plain = path.join(dir, 'plain.parquet');
      await writer.writeFromCsv({ csvPath: path.join(dir, 'in.csv'), parquetPath: plain, columns: columns.map((c) => ({ ...c, mask: false, type: { kind: 'string' } })) });
      expect((await readFile(plain)).includes(Buffer.from(secretEmail))).toBe(true);
    } finally {
      await writer.close();
    }
  });
});
