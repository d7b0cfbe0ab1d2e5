import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { LogicalType } from '@northstar/contracts';
import { ConfigError, DataContractError } from '@northstar/core';
import { CsvRecordError } from './csv-data-error';
import type { ParquetColumn } from './parquet-column';
import { ParquetWriter } from './parquet-writer';
import { queryDuckDb, readParquet } from './testing';

const t = {
  string: { kind: 'string' },
  integer: { kind: 'integer' },
  double: { kind: 'double' },
  money: { kind: 'decimal', precision: 14, scale: 2 },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  timestamp: { kind: 'timestamp' },
  json: { kind: 'json' },
} satisfies Record<string, LogicalType>;

const col = (name: string, type: LogicalType, mask = false): ParquetColumn => ({ name, type, mask });

let dir: string;
let writer: ParquetWriter;
let fileNo = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'northstar-parquet-'));
  writer = await ParquetWriter.open({ threads: 2, memoryLimit: '256MB' });
});
afterAll(async () => {
  await writer.close();
  await rm(dir, { recursive: true, force: true });
});

async function csvFile(text: string): Promise<string> {
  const file = path.join(dir, `part-${++fileNo}.csv`);
  await writeFile(file, text, 'utf8');
  return file;
}

const parquetPath = () => path.join(dir, 'out', `part-${++fileNo}.parquet`);

describe('ParquetWriter.writeFromCsv: types and tricky values', () => {
  const columns = [
    col('id', t.integer), col('name', t.string), col('note', t.string), col('amount', t.money), col('ratio', t.double),
    col('active', t.boolean), col('created_at', t.timestamp), col('day', t.date), col('payload', t.json), col('order', t.string),
  ];
  const csv = [
    '1,"Smith, John","line1\nline2",0.10,1.5,t,2026-11-29 10:00:00.123456+00,2026-11-29,"{""a"": [1, 2]}",plain',
    '9007199254740993,"","say ""hi""\r\nbye",12345678901.99,-0.25,false,2026-11-29 23:59:59.999999-05:00,2024-02-29,"[]",',
    '3,,Zoë ʤ 😀 — 日本語,,,,,,,""',
    '-9223372036854775808,x,"",-0.01,0,TRUE,2026-01-01T00:00:00.000001Z,1970-01-01,null,"a,b"',
  ].join('\n') + '\n';
  let out: string;
  let result: Awaited<ReturnType<ParquetWriter['writeFromCsv']>>;

  beforeAll(async () => {
    out = parquetPath();
    result = await writer.writeFromCsv({ csvPath: await csvFile(csv), parquetPath: out, columns });
  });

  it('writes the contract types', async () => {
    expect((await readParquet(out)).columns).toEqual([
      { name: 'id', type: 'BIGINT' }, { name: 'name', type: 'VARCHAR' }, { name: 'note', type: 'VARCHAR' },
      { name: 'amount', type: 'DECIMAL(14,2)' }, { name: 'ratio', type: 'DOUBLE' }, { name: 'active', type: 'BOOLEAN' },
      { name: 'created_at', type: 'TIMESTAMP WITH TIME ZONE' }, { name: 'day', type: 'DATE' }, { name: 'payload', type: 'JSON' },
      { name: 'order', type: 'VARCHAR' },
    ]);
  });

  it('reports the row count, byte size and SHA-256 of the file it wrote', async () => {
    const bytes = await readFile(out);
    expect(result).toEqual({ rows: 4, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
  });

  it('keeps quoted commas, embedded LF and CRLF, escaped quotes and UTF-8 exactly', async () => {
    const rows = (await readParquet(out)).rows;
    expect(rows.map((r) => r['name'])).toEqual(['Smith, John', '', null, 'x']);
    expect(rows.map((r) => r['note'])).toEqual(['line1\nline2', 'say "hi"\r\nbye', 'Zoë ʤ 😀 — 日本語', '']);
    expect(rows.map((r) => r['order'])).toEqual(['plain', null, '', 'a,b']);
  });

  it('keeps 64-bit integers beyond 2^53 and exact decimals', async () => {
    const [row] = await queryDuckDb(
      'select string_agg(id::varchar, \' \' order by id) ids, sum(amount)::varchar total, count(amount) n from read_parquet($1)', [out]);
    expect(row).toEqual({ ids: '-9223372036854775808 1 3 9007199254740993', total: '12345678902.08', n: '3' });
  });

  it('keeps microseconds and converts offsets to UTC instants', async () => {
    const rows = await queryDuckDb('select epoch_us(created_at)::varchar us, strftime(created_at, \'%Y-%m-%d %H:%M:%S.%f\') utc from read_parquet($1)', [out]);
    expect(rows).toEqual([
      { us: '1795946400123456', utc: '2026-11-29 10:00:00.123456' },
      { us: '1796014799999999', utc: '2026-11-30 04:59:59.999999' },
      { us: null, utc: null },
      { us: '1767225600000001', utc: '2026-01-01 00:00:00.000001' },
    ]);
  });

  it('reads booleans, dates, doubles and JSON text', async () => {
    const rows = (await readParquet(out)).rows;
    expect(rows.map((r) => r['active'])).toEqual([true, false, null, true]);
    expect(rows.map((r) => r['day'])).toEqual(['2026-11-29', '2024-02-29', null, '1970-01-01']);
    expect(rows.map((r) => r['ratio'])).toEqual([1.5, -0.25, null, 0]);
    const json = await queryDuckDb('select payload::varchar p, payload is null as missing from read_parquet($1)', [out]);
    expect(json).toEqual([{ p: '{"a": [1, 2]}', missing: false }, { p: '[]', missing: false }, { p: null, missing: true }, { p: 'null', missing: false }]);
  });
});

describe('ParquetWriter.writeFromCsv: files', () => {
  it('writes an empty part as a valid, typed, zero-row file', async () => {
    const out = parquetPath();
    const result = await writer.writeFromCsv({ csvPath: await csvFile(''), parquetPath: out, columns: [col('id', t.integer), col('at', t.timestamp)] });
    expect(result.rows).toBe(0);
    expect(await readParquet(out)).toEqual({ columns: [{ name: 'id', type: 'BIGINT' }, { name: 'at', type: 'TIMESTAMP WITH TIME ZONE' }], rows: [] });
  });

  it('overwrites an existing file and accepts names DuckDB would not take unquoted', async () => {
    const out = parquetPath();
    const columns = [col('Mixed Case', t.string), col('select', t.integer)];
    await writer.writeFromCsv({ csvPath: await csvFile('old,1\nolder,2\n'), parquetPath: out, columns });
    const result = await writer.writeFromCsv({ csvPath: await csvFile('new,3\n'), parquetPath: out, columns });
    expect(result.rows).toBe(1);
    expect((await readParquet(out)).rows).toEqual([{ 'Mixed Case': 'new', select: '3' }]);
  });

  it('writes ZSTD-compressed Parquet v1 with UTC microsecond timestamps', async () => {
    const out = parquetPath();
    await writer.writeFromCsv({ csvPath: await csvFile('2026-11-29 10:00:00+00\n'), parquetPath: out, columns: [col('at', t.timestamp)] });
    const [meta] = await queryDuckDb('select compression from parquet_metadata($1)', [out]);
    expect(meta).toEqual({ compression: 'ZSTD' });
    const schema = await queryDuckDb("select converted_type, logical_type from parquet_schema($1) where name = 'at'", [out]);
    expect(schema).toEqual([{ converted_type: 'TIMESTAMP_MICROS', logical_type: expect.stringContaining('isAdjustedToUTC=1') }]);
  });

  it('dictionary-encodes a column of a few distinct values, not one of thousands', async () => {
    const out = parquetPath();
    const statuses = ['placed', 'paid', 'shipped', 'delivered', 'cancelled'];
    const csv = Array.from({ length: 20_000 }, (_, i) => `${(i * 7919) % 3000},${statuses[i % statuses.length]}\n`).join('');
    await writer.writeFromCsv({ csvPath: await csvFile(csv), parquetPath: out, columns: [col('customer_id', t.integer), col('status', t.string)] });
    const encodings = await queryDuckDb('select path_in_schema as name, encodings from parquet_metadata($1) order by 1', [out]);
    expect(encodings).toEqual([
      { name: 'customer_id', encodings: expect.not.stringContaining('DICTIONARY') },
      { name: 'status', encodings: expect.stringContaining('DICTIONARY') },
    ]);
  });

  it('reads a record longer than DuckDB\'s default 32 MB buffer when the part\'s longest record is given', async () => {
    const long = 'x'.repeat(40_000_000);
    const csv = `1,short\n2,"${long}"\n3,"after ""it"""\n`;
    const out = parquetPath();
    const columns = [col('id', t.integer), col('body', t.string)];
    const result = await writer.writeFromCsv({ csvPath: await csvFile(csv), parquetPath: out, columns, longestRecord: { bytes: long.length + 5, record: 2 } });
    expect(result.rows).toBe(3);
    const rows = await queryDuckDb('select id, length(body) as chars, left(body, 9) as head from read_parquet($1) order by id', [out]);
    expect(rows).toEqual([
      { id: '1', chars: '5', head: 'short' },
      { id: '2', chars: '40000000', head: 'xxxxxxxxx' },
      { id: '3', chars: '10', head: 'after "it' },
    ]);
  });

  it('rejects a value that does not fit its type as a contract violation without echoing the data', async () => {
    const out = parquetPath();
    const csvPath = await csvFile('1,alice@example.com\nnot-a-number,bob@example.com\n');
    const failure = await writer.writeFromCsv({ csvPath, parquetPath: out, columns: [col('id', t.integer), col('email', t.string, true)], maskKey: 'k' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DataContractError);
    expect((failure as Error).message).toMatch(/record 2, column id \(expected integer\)/);
    expect((failure as Error).message).not.toMatch(/bob|not-a-number/);
    expect(existsSync(out)).toBe(false);
  });

  it('names the failing record by its business key, but never by a masked one', async () => {
    const columns = [col('order_id', t.integer), col('email', t.string, true), col('total', t.money)];
    const csvPath = await csvFile('101,a@example.com,1.50\n"102",b@example.com,"1,5"\n103,c@example.com,2\n');
    const byId = await writer.writeFromCsv({ csvPath, parquetPath: parquetPath(), columns, maskKey: 'k', keyColumns: ['order_id'] }).catch((error: unknown) => error);
    expect(byId).toBeInstanceOf(CsvRecordError);
    expect((byId as Error).message).toBe(`${csvPath}: record 2 (order_id=102), column total (expected decimal(14,2)) does not match the contract (Conversion Error)`);
    const byEmail = await writer.writeFromCsv({ csvPath, parquetPath: parquetPath(), columns, maskKey: 'k', keyColumns: ['email'] }).catch((error: unknown) => error);
    expect((byEmail as Error).message).toBe(`${csvPath}: record 2, column total (expected decimal(14,2)) does not match the contract (Conversion Error)`);
    expect((byEmail as Error).message).not.toContain('example.com');
  });

  it('rejects records with the wrong number of fields or an open quote', async () => {
    const columns = [col('a', t.string), col('b', t.string)];
    for (const bad of ['x,y,z\n', 'x\n', 'x,"never closed\n']) {
      await expect(writer.writeFromCsv({ csvPath: await csvFile(bad), parquetPath: parquetPath(), columns })).rejects.toBeInstanceOf(DataContractError);
    }
  });

  it('refuses empty or duplicate column names and masked columns without a key', async () => {
    const csvPath = await csvFile('a\n');
    await expect(writer.writeFromCsv({ csvPath, parquetPath: parquetPath(), columns: [] })).rejects.toBeInstanceOf(ConfigError);
    await expect(writer.writeFromCsv({ csvPath, parquetPath: parquetPath(), columns: [col('A', t.string), col('a', t.string)] })).rejects.toThrow(/duplicate/);
    await expect(writer.writeFromCsv({ csvPath, parquetPath: parquetPath(), columns: [col('email', t.string, true)] })).rejects.toThrow(/no mask key/);
  });

  it('writes parts with the allocator flushing freed memory, and refuses a threshold DuckDB cannot parse', async () => {
    const flushing = await ParquetWriter.open({ threads: 1, allocatorFlushThreshold: '1MB' });
    try {
      for (let part = 0; part < 2; part++) {
        const out = parquetPath();
        const written = await flushing.writeFromCsv({ csvPath: await csvFile(`${part},x\n${part + 1},y\n`), parquetPath: out, columns: [col('n', t.integer), col('s', t.string)] });
        expect(written.rows).toBe(2);
        expect((await readParquet(out)).rows.map((r) => `${String(r['n'])} ${String(r['s'])}`)).toEqual([`${part} x`, `${part + 1} y`]);
      }
    } finally {
      await flushing.close();
    }
    await expect(ParquetWriter.open({ allocatorFlushThreshold: 'often' })).rejects.toBeInstanceOf(ConfigError);
  });

  it('refuses a memory limit DuckDB cannot parse, and writes after close', async () => {
    await expect(ParquetWriter.open({ memoryLimit: 'plenty' })).rejects.toBeInstanceOf(ConfigError);
    const other = await ParquetWriter.open({ threads: 1 });
    await other.close();
    await expect(other.writeFromCsv({ csvPath: await csvFile('a\n'), parquetPath: parquetPath(), columns: [col('a', t.string)] })).rejects.toThrow(/closed/);
  });
});
