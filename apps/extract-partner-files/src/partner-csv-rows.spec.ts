import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { DataContractError } from '@northstar/core';
import { describeRealData } from '@northstar/core/testing';
import * as iconv from 'iconv-lite';
import { openCsvFile, type CsvShape } from './partner-csv-rows';

const comma: CsvShape = { encoding: 'utf-8', delimiter: ',', quote: '"', skipRows: 0 };

async function readAll(bytes: Readable, key: string, shape: CsvShape = comma) {
  const file = await openCsvFile(bytes, key, shape);
  const rows = [];
  for await (const row of file.rows) rows.push(row);
  return { header: file.header, rows };
}

const fromText = (text: string | Buffer) => Readable.from([Buffer.from(text)]);
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error);

describe('openCsvFile', () => {
  it('reads mixed line ends, quoted newlines and trailing empty cells with the line each record starts on', async () => {
    const { header, rows } = await readAll(fromText('id,note,\r\n1,plain,\n2,"two\r\nlines",\r3,"say ""hi""",,\n\n4, padded ,'), 'k.csv');
    expect(header).toEqual({ line: 1, fields: ['id', 'note'] });
    expect(rows).toEqual([
      { line: 2, fields: ['1', 'plain', ''] },
      { line: 3, fields: ['2', 'two\r\nlines', ''] },
      { line: 5, fields: ['3', 'say "hi"', '', ''] },
      { line: 7, fields: ['4', 'padded', ''] },
    ]);
  });

  it('skips title rows, gunzips .gz, honours a BOM over the configured encoding, and decodes cp1252', async () => {
    const text = 'Shipments export\nid;Stadt\n1;Köln\n';
    const shape: CsvShape = { encoding: 'windows-1252', delimiter: ';', quote: '"', skipRows: 1 };
    const expected = { header: { line: 2, fields: ['id', 'Stadt'] }, rows: [{ line: 3, fields: ['1', 'Köln'] }] };
    expect(await readAll(fromText(iconv.encode(text, 'windows-1252')), 'a.csv', shape)).toEqual(expected);
    expect(await readAll(fromText(gzipSync(iconv.encode(text, 'windows-1252'))), 'a.csv.gz', shape)).toEqual(expected);
    expect(await readAll(fromText(iconv.encode(text, 'utf-16be', { addBOM: true })), 'a.csv', shape)).toEqual(expected);
    expect(await readAll(fromText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), 'a.csv', shape)).toEqual(expected);
  });

  it("decodes cp1252's own characters in 0x80-0x9F (€, ‰, curly quotes), which latin1 leaves as control characters", async () => {
    const bytes = Buffer.concat([Buffer.from('id;note\n1;'), Buffer.from([0x80, 0x89, 0x93, 0x94, 0x81, 0xe9]), Buffer.from('\n')]);
    const shape = (encoding: CsvShape['encoding']): CsvShape => ({ encoding, delimiter: ';', quote: '"', skipRows: 0 });
    expect((await readAll(fromText(bytes), 'c.csv', shape('windows-1252'))).rows).toEqual([{ line: 2, fields: ['1', '€‰“”\uFFFDé'] }]);
    expect((await readAll(fromText(bytes), 'c.csv', shape('latin1'))).rows).toEqual([{ line: 2, fields: ['1', '\x80\x89\x93\x94\x81é'] }]);
  });

  it('refuses with the file and line: bytes that are not UTF-8, a broken quote, no header, a broken gzip', async () => {
    const latin = iconv.encode('id,city\n1,Berlin\n2,Köln\n', 'latin1');
    const notUtf8 = await refusal(readAll(fromText(latin), 'p/x.csv'));
    expect(notUtf8).toBeInstanceOf(DataContractError);
    expect(notUtf8?.message).toMatch(/^p\/x\.csv line 3: bytes that are not UTF-8/);
    expect((await refusal(readAll(fromText('id,n\n1,"a"b\n'), 'q.csv')))?.message).toBe('q.csv: not readable as CSV: text after a closing quote at line 2');
    expect((await refusal(readAll(fromText('\n\n'), 'e.csv')))?.message).toBe('e.csv: holds no header row (the file is empty)');
    expect((await refusal(readAll(fromText('not gzip'), 'g.csv.gz')))?.message).toMatch(/^g\.csv\.gz: not a readable gzip file/);
  });
});

describeRealData('openCsvFile on real CSV files', (dir) => {
  const edge = path.join(dir, 'csv_edge_cases');
  const open = (relative: string, shape: Partial<CsvShape> = {}) => readAll(createReadStream(path.join(edge, relative)), relative, { ...comma, ...shape });
  const spectrum = path.join(edge, 'csv_spectrum');

  it.each(readdirSync(path.join(spectrum, 'csvs')).filter((f) => f.endsWith('.csv')))('csv-spectrum %s parses to its expected records', async (file) => {
    const json = JSON.parse(readFileSync(path.join(spectrum, 'json', file.replace(/\.csv$/, '.json')), 'utf8')) as Record<string, string> | Record<string, string>[];
    const expected = (Array.isArray(json) ? json : [json]).map((record) =>
      // Upstream's JSON for this file names another phone number than its CSV holds.
      file === 'location_coordinates.csv' ? { ...record, 'Contact Phone Number': '2095257564' } : record,
    );
    const { header, rows } = await open(`csv_spectrum/csvs/${file}`);
    const records = rows.map((r) => Object.fromEntries(header.fields.map((name, i) => [name, r.fields[i] ?? ''])));
    // csv-spectrum keeps a quoted field's edge spaces; the reader trims fields, as partner files pad them.
    expect(records).toEqual(expected.map((e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v.trim()]))));
  });

  it('messytables: delimiters, padding, nulls, CR-only and mixed line ends, BOMs, UTF-16LE', async () => {
    const simple = await open('messytables_horror/simple.csv');
    expect(simple.header.fields).toEqual(['date', 'temperature', 'place']);
    expect(simple.rows).toHaveLength(6);
    expect(simple.rows[5]).toEqual({ line: 7, fields: ['2011-01-03', '5', 'Berkeley'] });
    expect((await open('messytables_horror/simple.ssv', { delimiter: ';' })).rows).toEqual(simple.rows);
    const psv = await open('messytables_horror/simple.psv', { delimiter: '|' });
    expect(psv.header.fields).toEqual(['Year', 'New dwellings', 'Other dwellings', 'All dwellings', 'First time buyers', 'Former owner occupiers']);
    expect(psv.rows[0].fields[0]).toBe('1986');
    const tsv = await open('messytables_horror/example.tsv', { delimiter: '\t' });
    expect(tsv.header.fields).toHaveLength(17);
    expect(tsv.rows[0].fields.slice(0, 2)).toEqual(['2012-06-22 00:00:00', '15955']);
    const complex = await open('messytables_horror/complex.csv');
    expect(complex.header.fields).toEqual(['date', 'another date', 'temperature', 'place']);
    expect(complex.rows[2].fields).toEqual(['2011-01-03', '', '6,000,000', 'Galway']);
    const nulls = await open('messytables_horror/null.csv');
    expect(nulls.header.fields).toEqual(['1', 'null', '0', '0']);
    expect(nulls.rows[1].fields).toEqual(['3', 'null', '', '']);
    expect((await open('messytables_horror/skip_initials.csv')).rows[0].fields).toEqual(['hello', 'goodbye']);
    const excel = await open('messytables_horror/excel_pasting.csv', { skipRows: 2 });
    expect(excel.header).toEqual({ line: 4, fields: ['Year', '2000', '2001', '2002', '2003', '2004', '2005', '2006', '2007'] });
    expect(excel.rows[0].fields.slice(0, 3)).toEqual(['Timber', '2,666', '2,274']);
    const glb = await open('messytables_horror/mixedGLB.csv', { skipRows: 2 });
    expect(glb.header.fields.slice(0, 3)).toEqual(['Year', 'Jan', 'Feb']);
    expect(glb.rows[0]).toMatchObject({ line: 5, fields: expect.arrayContaining(['1880', '-43']) });
    const utf16 = await open('messytables_horror/utf-16le_encoded.csv');
    expect(utf16.header.fields.slice(0, 2)).toEqual(['Organisation_code', 'Organisation_name']);
    expect((await open('messytables_horror/utf8bom.csv')).header.fields).toEqual(['kitten', 'win']);
    expect(await open('papaparse/utf-8-bom-sample.csv')).toEqual({ header: { line: 1, fields: ['A', 'B', 'C'] }, rows: [{ line: 2, fields: ['X', 'Y', 'Z'] }] });
    expect(await open('papaparse/sample-header.csv')).toEqual({
      header: { line: 1, fields: ['title', 'name'] }, rows: [{ line: 2, fields: ['test title 01', 'test name 01'] }, { line: 3, fields: ['', 'test name 02'] }],
    });
    expect((await open('messytables_horror/long.csv')).rows).toHaveLength(3999);
    const budget = await open('messytables_horror/begrotingsanalyse-2011.csv', { skipRows: 2 });
    expect(budget.header.fields.slice(0, 4)).toEqual(['', '', 'provincie', 'provincie']);
    const sparse = await open('messytables_horror/sparse_with_column_errors.csv', { encoding: 'windows-1252' });
    expect(sparse.header.fields).toEqual(['LP', 'Bezeichnung', 'Kapitel/Titel']);
    expect(sparse.rows[2]).toEqual({ line: 4, fields: ['A100', 'Grundfinanzierung MPG', '300368540', ''] });
    const spanish = await open('messytables_horror/spanish_chars.csv', { encoding: 'windows-1252' });
    expect(spanish.header.fields.at(-1)).toBe('Descripción');
    const agencies = await open('messytables_horror/211.csv', { encoding: 'windows-1252' });
    expect(agencies.header.fields.slice(0, 2)).toEqual(['ResourceAgencyNum', 'PublicName']);
    expect(agencies.rows[0]).toMatchObject({ line: 2, fields: expect.arrayContaining(['373463', 'CentroNia']) });
  });

  // Every messytables file the reader takes: header line and width, row count, every row as wide, and the last row whole.
  it.each([
    ['simple.csv', {}, 1, 3, 6, 3, { line: 7, fields: ['2011-01-03', '5', 'Berkeley'] }],
    ['simple.psv', { delimiter: '|' }, 1, 6, 28, 6, { line: 29, fields: ['2013', '240000', '251000', '251000', '190000', '292000'] }],
    ['simple.ssv', { delimiter: ';' }, 1, 3, 6, 3, { line: 7, fields: ['2011-01-03', '5', 'Berkeley'] }],
    ['example.tsv', { delimiter: '\t' }, 1, 17, 140, 17, { line: 141, fields: ['2012-06-27 19:00:00', '21488', '211', '21291', '182', '11', '7', '10', '1', '9', '0', '0.0005', '0.0332', '0.0005', '0.0055', '0.0004', '0.0000'] }],
    ['complex.csv', {}, 1, 4, 3, 4, { line: 4, fields: ['2011-01-03', '', '6,000,000', 'Galway'] }],
    ['null.csv', {}, 1, 4, 9, 4, { line: 10, fields: ['10', 'null', '0', '0'] }],
    ['skip_initials.csv', {}, 1, 2, 2, 2, { line: 3, fields: ['hello2', 'goodbye2'] }],
    ['excel_pasting.csv', { skipRows: 2 }, 4, 9, 16, 9, { line: 24, fields: ['Note: includes emissions from electricity use, using a constant emission factor', '', '', '', '', '', '', '', ''] }],
    ['mixedGLB.csv', { skipRows: 2 }, 4, 19, 133, 19, { line: 137, fields: ['2012', '34', '38', '46', '55', '61', '*****', '*****', '*****', '*****', '*****', '*****', '*****', '****', '****', '39', '54', '*****', '*****'] }],
    ['utf-16le_encoded.csv', {}, 1, 19, 327, 19, { line: 328, fields: ['NYA04', 'St Andrews Healthcare - Nottinghamshire', 'Independent Hospitals', '2010-11', '6', '3', '0', '9', '0', '0', '9', '1', '17', '0', '17', '0', '0', '0', '0'] }],
    ['long.csv', {}, 1, 1, 3999, 1, { line: 4000, fields: ['foo'] }],
    ['begrotingsanalyse-2011.csv', { skipRows: 2 }, 4, 14, 39, 20, { line: 43, fields: ['35', 'Aantal gemeenten', '22', '26', '12', '25', '55', '25', '57', '70', '13', '67', '33', '6', '', '', '', '', '', ''] }],
    ['sparse_with_column_errors.csv', { encoding: 'windows-1252' }, 1, 3, 2200, 4, { line: 2238, fields: ['Y39000', 'Sonstige, nicht FuE-relevante Bildungsausgaben', '', ''] }],
    ['spanish_chars.csv', { encoding: 'windows-1252' }, 1, 8, 115, 8, { line: 120, fields: [expect.stringMatching(/^Fuente: Presupuesto de Egresos de la Federación 2011 Análisis .* Anexo 11 Catálogo Funcional$/), '', '', '', '', '', '', ''] }],
    ['211.csv', { encoding: 'windows-1252' }, 1, 96, 2132, 96, { line: 2133, fields: expect.arrayContaining(['373132', 'Zion Baptist Church - Genevieve N. Johnson Senior Program', '38.952387', '-77.017836']) }],
  ] as const)('messytables %s: header, rows and the last row', async (file, shape, headerLine, headerWidth, count, width, last) => {
    const { header, rows } = await open(`messytables_horror/${file}`, shape as Partial<CsvShape>);
    expect([header.line, header.fields.length, rows.length]).toEqual([headerLine, headerWidth, count]);
    expect(new Set(rows.map((r) => r.fields.length))).toEqual(new Set([width]));
    expect(rows.at(-1)).toEqual(last);
  });

  it('messytables: refuses what the partner format does not describe, naming the file and line', async () => {
    expect((await refusal(open('messytables_horror/spanish_chars.csv')))?.message).toMatch(/^messytables_horror\/spanish_chars\.csv line 1: bytes that are not UTF-8/);
    expect((await refusal(open('messytables_horror/211.csv')))?.message).toMatch(/^messytables_horror\/211\.csv line 77: bytes that are not UTF-8/);
    expect((await refusal(open('messytables_horror/characters.csv')))?.message).toMatch(/^messytables_horror\/characters\.csv line 1: bytes that are not UTF-8/);
    // Its line 13 holds `"Region"x`: text after a closing quote, which no partner format can read.
    expect((await refusal(open('messytables_horror/weird_head_padding.csv')))?.message).toBe(
      'messytables_horror/weird_head_padding.csv: not readable as CSV: text after a closing quote at line 13',
    );
    expect(await open('messytables_horror/small.csv')).toEqual({ header: { line: 1, fields: ['a'] }, rows: [] });
  });
});
