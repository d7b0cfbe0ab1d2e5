import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeRealData } from '@northstar/core/testing';
import { ParquetWriter } from './parquet-writer';
import { readParquet } from './testing';

// location_coordinates.json disagrees with its own CSV upstream (phone number and encoding).
const knownWrong = new Set(['location_coordinates']);

describeRealData('ParquetWriter on the csv_spectrum edge cases', (realData) => {
  const spectrum = path.join(realData, 'csv_edge_cases', 'csv_spectrum');
  const names = realData ? readdirSync(path.join(spectrum, 'csvs')).map((f) => path.basename(f, '.csv')).filter((n) => !knownWrong.has(n)) : [];
  let writer: ParquetWriter;
  let dir: string;

  beforeAll(async () => {
    writer = await ParquetWriter.open({ threads: 1 });
    dir = await mkdtemp(path.join(tmpdir(), 'northstar-spectrum-'));
  });
  afterAll(async () => {
    await writer.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('has the files it is meant to check', () => {
    expect(names).toEqual(expect.arrayContaining(['comma_in_quotes', 'escaped_quotes', 'newlines_crlf', 'quotes_and_newlines', 'utf8', 'json']));
  });

  // describeRealData skips this body with realData = '' when the data is absent; it.each refuses an empty table.
  it.each(names.length > 0 ? names : ['(none)'])('%s.csv reads back as its JSON expectation', async (name) => {
    const text = await readFile(path.join(spectrum, 'csvs', `${name}.csv`), 'utf8');
    // The writer takes headerless spool files: the header (never quoted in these files) becomes the column list.
    const headerEnd = text.indexOf('\n');
    const header = text.slice(0, headerEnd).replace(/\r$/, '').split(',');
    const csvPath = path.join(dir, `${name}.csv`);
    await writeFile(csvPath, text.slice(headerEnd + 1));
    const parquetPath = path.join(dir, `${name}.parquet`);
    const columns = header.map((column) => ({ name: column, type: { kind: 'string' } as const, mask: false }));
    const expected: unknown = JSON.parse(await readFile(path.join(spectrum, 'json', `${name}.json`), 'utf8'));
    const expectedRows = Array.isArray(expected) ? expected : [expected];

    const result = await writer.writeFromCsv({ csvPath, parquetPath, columns });

    expect(result.rows).toBe(expectedRows.length);
    expect((await readParquet(parquetPath)).rows).toEqual(expectedRows);
  });
});
