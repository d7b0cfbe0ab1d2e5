import { DataContractError, silentLogger } from '@northstar/core';
import { col, defineContract, nullable, type Contract } from '@northstar/contracts';
import { csvFieldText } from './csv-field-text';
import { ReadProgress } from './read-progress';
import { stringify } from 'csv-stringify/sync';
import { csvRecordsText, RecordCsvEncoder } from './record-csv-encoder';
import { RecordFlattener } from './record-flattener';
import type { SourceRecord } from './record-stream';

const contract = defineContract({
  source: 'stripe',
  entity: 'test_events',
  version: '1.0.0',
  description: 'Test stream',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: false,
  columns: [
    col.string('id'),
    col.string('note', nullable()),
    col.integer('amount', nullable()),
    col.boolean('paid', nullable()),
    col.timestamp('created'),
    col.json('metadata', nullable()),
  ],
});

async function encode(records: SourceRecord[], c: Contract = contract, batch = 2): Promise<string[]> {
  const progress = new ReadProgress(silentLogger(), () => new Date(0), 60_000);
  const encoder = new RecordCsvEncoder(c, new RecordFlattener(c), progress, batch);
  async function* source() {
    yield* records;
  }
  const chunks: string[] = [];
  for await (const chunk of encoder.encode(source())) chunks.push(chunk.toString('utf8'));
  return chunks;
}

describe('csvRecordsText', () => {
  it('writes what csv-stringify wrote with the options it replaced: null unquoted, "" quoted, commas, quotes and line breaks quoted', () => {
    const records = [
      ['a', null, '', 'x,y', 'say "hi"', 'two\nlines', 'cr\ronly', '=1+2', ' padded ', 'ünï'],
      [null, null, null, null, null, null, null, null, null, null],
      ['"', ',', '\r\n', '""', '-1', 'a"b', '', '', '', ''],
    ];
    const options = { quoted_match: /^$/, record_delimiter: 'unix', quote_record_delimiter: true, eof: true } as const;
    expect(csvRecordsText(records)).toBe(stringify(records, options));
    expect(csvRecordsText([])).toBe('');
  });
});

describe('csvFieldText', () => {
  it('writes values as the orders DB COPY does: ISO instants, true/false, JSON text, Unix seconds as instants', () => {
    expect(csvFieldText(new Date('2026-11-02T06:00:00.123Z'), { kind: 'timestamp' })).toBe('2026-11-02T06:00:00.123Z');
    expect(csvFieldText(1764000000, { kind: 'timestamp' })).toBe('2025-11-24T16:00:00.000Z');
    expect(csvFieldText(new Date('2026-11-02T06:00:00Z'), { kind: 'date' })).toBe('2026-11-02');
    expect(csvFieldText(false, { kind: 'boolean' })).toBe('false');
    expect(csvFieldText(12n, { kind: 'integer' })).toBe('12');
    expect(csvFieldText(1.5, { kind: 'decimal', precision: 10, scale: 2 })).toBe('1.5');
    expect(csvFieldText('9.99', { kind: 'decimal', precision: 10, scale: 2 })).toBe('9.99');
    expect(csvFieldText({ a: [1, null] }, { kind: 'json' })).toBe('{"a":[1,null]}');
    expect(csvFieldText('x', { kind: 'json' })).toBe('"x"');
    expect(csvFieldText(null, { kind: 'string' })).toBeNull();
    expect(csvFieldText(undefined, { kind: 'integer' })).toBeNull();
  });

  it('has no text for a value its column cannot hold', () => {
    expect(csvFieldText(1.5, { kind: 'integer' })).toBeUndefined();
    expect(csvFieldText({ a: 1 }, { kind: 'string' })).toBeUndefined();
    expect(csvFieldText(['a'], { kind: 'string' })).toBeUndefined();
    expect(csvFieldText(1, { kind: 'boolean' })).toBeUndefined();
    expect(csvFieldText(Number.NaN, { kind: 'double' })).toBeUndefined();
  });
});

describe('RecordCsvEncoder', () => {
  it('encodes records in contract order, null as an empty field and the empty string as "", in chunks of the batch size', async () => {
    const chunks = await encode([
      { metadata: { k: 'v,"w"' }, created: 1764000000, paid: true, amount: 5, note: '', id: 'a' },
      { id: 'b', created: '2026-11-02T06:00:00Z', note: 'two\nlines, "quoted"', extra: 1 },
      { id: 'c', created: new Date('2026-11-02T06:00:00Z'), note: null },
    ]);
    expect(chunks).toEqual([
      'a,"",5,true,2025-11-24T16:00:00.000Z,"{""k"":""v,\\""w\\""""}"\n' +
        'b,"two\nlines, ""quoted""",,,2026-11-02T06:00:00Z,\n',
      'c,,,,2026-11-02T06:00:00.000Z,\n',
    ]);
  });

  it('quotes a carriage return, which a CSV reader may take for a record end', async () => {
    expect(await encode([{ id: 'a\rb', created: 1 }])).toEqual(['"a\rb",,,,1970-01-01T00:00:01.000Z,\n']);
  });

  it('refuses (exit 3) a value its column cannot hold, naming the record and the field', async () => {
    const bad = encode([{ id: 'a', created: 1 }, { id: 'b', created: 1, amount: 2.5 }]);
    await expect(bad).rejects.toThrow(DataContractError);
    await expect(encode([{ id: 'a', created: 1 }, { id: 'b', created: 1, note: { text: 'x' } }])).rejects.toThrow(
      'stripe/test_events record 2: field "note" (column note) holds object; contract v1.0.0 expects a string',
    );
  });
});
