import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { splitCsvIntoParts } from './csv-part-splitter';

async function split(chunks: string[], rowsPerPart: number, firstPartRows?: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'split-'));
  try {
    async function* input() {
      for (const c of chunks) yield Buffer.from(c);
    }
    const parts = [];
    for await (const part of splitCsvIntoParts(input(), { dir, rowsPerPart, firstPartRows, baseName: 'p' })) {
      parts.push({ rows: part.rows, text: readFileSync(part.path, 'utf8') });
    }
    return parts;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('splitCsvIntoParts', () => {
  it('cuts on record boundaries, never inside quoted newlines', async () => {
    const csv = '1,"a\nb"\n2,"x ""q"" \n y"\n3,plain\n';
    const parts = await split([csv], 2);
    expect(parts.map((p) => p.rows)).toEqual([2, 1]);
    expect(parts.map((p) => p.text).join('')).toBe(csv);
    expect(parts[1].text).toBe('3,plain\n');
  });

  it('gives the same parts whatever the chunking', async () => {
    const csv = '1,"a\r\nb"\n2,""\n3,"""quoted"""\n4,\n5,"e,f"\n';
    const whole = await split([csv], 2);
    const bytewise = await split(csv.split(''), 2);
    expect(bytewise).toEqual(whole);
    expect(whole.map((p) => p.rows)).toEqual([2, 2, 1]);
  });

  it('cuts the first part at its own size, then every part at rowsPerPart', async () => {
    const csv = Array.from({ length: 10 }, (_, i) => `${i},"r\n${i}"\n`).join('');
    const parts = await split(csv.split(''), 4, 1);
    expect(parts.map((p) => p.rows)).toEqual([1, 4, 4, 1]);
    expect(parts.map((p) => p.text).join('')).toBe(csv);
    expect(parts[1].text.startsWith('1,')).toBe(true);
    expect((await split([csv], 4, 20)).map((p) => p.rows)).toEqual([10]);
  });

  it('counts a last record without a trailing newline', async () => {
    const parts = await split(['1,a\n2,b'], 10);
    expect(parts).toEqual([{ rows: 2, text: '1,a\n2,b' }]);
  });

  it('measures each part\'s longest record, in bytes across chunks and quoted newlines, and its number', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'split-'));
    try {
      // Records of 4, 12 ("é" is two bytes) and 5 bytes, then 8 and a last one of 3 with no newline.
      const csv = '1,a\n2,"é\nlong"\n3,bb\n4,"x,y"\n5,c';
      const measure = async (chunks: string[]) => {
        async function* input() {
          for (const c of chunks) yield Buffer.from(c);
        }
        const longest = [];
        for await (const part of splitCsvIntoParts(input(), { dir, rowsPerPart: 3, baseName: 'p' })) longest.push(part.longestRecord);
        return longest;
      };
      expect(await measure([csv])).toEqual([{ bytes: 12, record: 2 }, { bytes: 8, record: 1 }]);
      expect(await measure(csv.split(''))).toEqual([{ bytes: 12, record: 2 }, { bytes: 8, record: 1 }]);
      expect(await measure(['1,a\n2,"é\nlo', 'ng"\n3,b', 'b\n4,"x,y"\n5,c'])).toEqual([{ bytes: 12, record: 2 }, { bytes: 8, record: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('yields nothing for an empty stream', async () => {
    expect(await split([], 10)).toEqual([]);
    expect(await split([''], 10)).toEqual([]);
  });

  it('refuses a stream that ends inside quotes', async () => {
    await expect(split(['1,"open\n'], 10)).rejects.toThrow(/inside a quoted field/);
  });

  it('cuts random quoted CSV in random chunks exactly at every 7th record', async () => {
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const fields = ['1', '', '""', '"a,b"', '"x\ny"', '"say ""hi"""', '"\n"', 'plain text'];
    const records = Array.from({ length: 200 }, () => Array.from({ length: 1 + random(4) }, () => fields[random(fields.length)]).join(','));
    const csv = `${records.join('\n')}\n`;
    const chunks: string[] = [];
    for (let at = 0; at < csv.length; ) {
      const size = 1 + random(40);
      chunks.push(csv.slice(at, at + size));
      at += size;
    }
    const parts = await split(chunks, 7);
    const expected = Array.from({ length: 29 }, (_, i) => records.slice(i * 7, i * 7 + 7).map((r) => `${r}\n`).join(''));
    expect(parts.map((p) => p.text)).toEqual(expected);
    expect(parts.map((p) => p.rows)).toEqual([...Array(28).fill(7), 4]);
  });

  it('keeps every byte and its order when parts span many write batches', async () => {
    // ~3.4 MB in 8 KB chunks, as a COPY stream arrives: several 1 MB batches per part.
    const records = Array.from({ length: 40_000 }, (_, i) => `${i},"order ${i}, line ""${i % 97}""",${'x'.repeat(i % 150)}`);
    const csv = `${records.join('\n')}\n`;
    const chunks = Array.from({ length: Math.ceil(csv.length / 8192) }, (_, i) => csv.slice(i * 8192, (i + 1) * 8192));
    const parts = await split(chunks, 15_000);
    expect(parts.map((p) => p.rows)).toEqual([15_000, 15_000, 10_000]);
    expect(parts.map((p) => p.text).join('')).toBe(csv);
    expect(parts[1].text.startsWith('15000,')).toBe(true);
  });

  it('fails with the part file named when a part cannot be written, instead of crashing or hanging', async () => {
    const dir = path.join(tmpdir(), `split-missing-${process.pid}`, 'no-such-dir');
    async function* input() {
      yield Buffer.from('1,a\n2,b\n');
    }
    const parts = splitCsvIntoParts(input(), { dir, rowsPerPart: 10, baseName: 'p' });
    await expect(parts.next()).rejects.toThrow(/cannot write CSV part .*no-such-dir\/p-00000\.csv: ENOENT/);
  });
});
