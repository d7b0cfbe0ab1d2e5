import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataContractError, ExitCode, exitCodeFor, silentLogger, TransientError, type RunParameters } from '@northstar/core';
import { recordingLogger } from '@northstar/core/testing';
import { col, defineContract, nullable } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { maskValue, ParquetWriter } from '@northstar/parquet';
import { ensureWarehouseSchemas, type WarehouseSession } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractRecordStream, type RecordStreamDeps } from './extract-record-stream';
import { loadCommittedRuns } from './raw-loader';
import { csvRecordsText } from './record-csv-encoder';
import type { EncodedRecords, EncodedRecordStream, RecordStream, SourceRecord } from './record-stream';

const events = defineContract({
  source: 'stripe',
  entity: 'test_events',
  version: '1.0.0',
  description: 'An in-test record stream.',
  businessKey: ['id'],
  cursor: 'created',
  biFacing: false,
  columns: [
    col.string('id'),
    col.timestamp('created', { description: 'Unix seconds in the source.' }),
    col.integer('amount'),
    col.string('order_id', nullable({ source: 'metadata.order_id' })),
    col.string('email', nullable({ source: 'customer.email', pii: 'email' })),
    col.string('note', nullable()),
    col.boolean('paid', nullable()),
    col.json('metadata', nullable()),
  ],
});

const runAt = (hour: number): RunParameters => ({ mode: 'hourly', scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)), runId: `hourly-${hour}` });
const event = (i: number, extra: Record<string, unknown> = {}): SourceRecord => ({
  id: `ev_${i}`, created: 1_793_000_000 + i, amount: i * 100, metadata: { order_id: String(1000 + i) }, customer: { email: `c${i}@example.com` }, ...extra,
});

/** An API-like stream: pages of records, with the next page's number as its opaque checkpoint. */
function pagedStream(pages: SourceRecord[][]) {
  const seen = { checkpoints: [] as (string | undefined)[], pulled: 0 };
  const stream: RecordStream = {
    contract: events,
    async *read(position) {
      seen.checkpoints.push(position.checkpoint);
      for (let page = Number(position.checkpoint ?? 0); page < pages.length; page++) {
        for (const record of pages[page]) {
          seen.pulled++;
          yield record;
        }
        position.advanceTo(String(page + 1));
      }
    },
  };
  return { stream, seen };
}

describe('extractRecordStream', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  const clock = () => new Date('2026-11-02T12:00:00Z');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'record-stream-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir, threads: 1 });
  });

  afterEach(async () => {
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const deps = (overrides: Partial<RecordStreamDeps> = {}): RecordStreamDeps => ({
    store, parquet, maskKey: undefined, rowsPerPart: 4, tempDir: dir, logger: silentLogger(), clock,
    warehouse: db.warehouse,
    config: { initialStart: new Date('2026-11-01T00:00:00Z'), lookbackMs: 3_600_000, safetyLagMs: 300_000 },
    ...overrides,
  });
  const load = () => loadCommittedRuns(events, { warehouse: db.warehouse, store, logger: silentLogger(), clock, runId: 'load-1' });
  const query = (sql: string) => db.warehouse.query({ sql, binds: [] });
  const cursor = async () => (await query('select checkpoint, run_id from ops.source_cursors'))[0];

  it('lands records as parts and a manifest, and the raw load commits the checkpoint the next run reads on from', async () => {
    const pages = [[1, 2, 3, 4, 5].map((i) => event(i)), [6, 7, 8, 9].map((i) => event(i))];
    const { stream, seen } = pagedStream(pages);
    const { manifest } = await extractRecordStream(stream, runAt(7), deps());
    expect(manifest.files.map((f) => f.rows)).toEqual([1, 4, 4]);
    expect(manifest).toMatchObject({ rowCount: 9, proposedCheckpoint: '2', window: { start: '2026-11-01T00:00:00.000Z', end: '2026-11-02T06:55:00.000Z' } });
    expect(manifest.drift).toBeUndefined();
    expect(seen.checkpoints).toEqual([undefined]);

    expect(await load()).toMatchObject({ rowsLoaded: 9 });
    expect(await cursor()).toEqual({ checkpoint: '2', run_id: 'hourly-7' });
    const rows = await query("select id, created, amount, order_id, email, metadata from raw.stripe__test_events where id = 'ev_3'");
    expect(rows).toEqual([{ id: 'ev_3', created: '2026-10-26T07:33:23Z', amount: 300, order_id: '1003', email: 'c3@example.com', metadata: '{"order_id":"1003"}' }]);

    pages.push([event(10)]);
    const next = await extractRecordStream(stream, runAt(8), deps());
    expect(seen.checkpoints).toEqual([undefined, '2']);
    expect(next.manifest).toMatchObject({ rowCount: 1, proposedCheckpoint: '3', window: { start: '2026-11-02T05:55:00.000Z', end: '2026-11-02T07:55:00.000Z' } });
  });

  it('leaves the checkpoint, rows and ledger unchanged when the load fails, so the next run reads from the old checkpoint', async () => {
    const pages = [[event(1), event(2)]];
    const { stream, seen } = pagedStream(pages);
    await extractRecordStream(stream, runAt(7), deps());
    await load();
    pages.push([event(3)]);
    await extractRecordStream(stream, runAt(8), deps());
    const transaction = db.warehouse.transaction.bind(db.warehouse);
    const failing = jest.spyOn(db.warehouse, 'transaction').mockImplementation((fn) =>
      transaction((session) => fn(failingOn(session, /ops\.source_cursors/))),
    );
    const error = await load().catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(ExitCode.transient);
    expect(await cursor()).toEqual({ checkpoint: '1', run_id: 'hourly-7' });
    expect(await query('select count(*)::int as n from raw.stripe__test_events')).toEqual([{ n: 2 }]);
    expect(await query("select count(*)::int as n from ops.file_loads where run_id = 'hourly-8'")).toEqual([{ n: 0 }]);

    await extractRecordStream(stream, runAt(9), deps());
    expect(seen.checkpoints).toEqual([undefined, '1', '1']);
    failing.mockRestore();
    await load();
    expect(await cursor()).toEqual({ checkpoint: '2', run_id: 'hourly-9' });
  });

  it('reports unknown fields in the manifest and the log, and refuses a record without a required field before any manifest', async () => {
    const { logger, records } = recordingLogger();
    const { stream } = pagedStream([[event(1, { object: 'event' }), event(2, { object: 'event', customer: { email: null, id: 'cus_2' } }), event(3)]]);
    const { manifest } = await extractRecordStream(stream, runAt(7), deps({ logger }));
    expect(manifest.drift).toEqual({ added: ['customer.id', 'object'], unknownFieldRecords: { 'customer.id': 1, object: 2 } });
    expect(records.find((r) => r['msg'] === 'read complete; 2 source field(s) no contract column reads')).toMatchObject({ records: 3, unknownFields: { object: 2 } });

    const { stream: broken } = pagedStream([[event(1), event(2), { ...event(3), amount: undefined }]]);
    const refused = await extractRecordStream(broken, runAt(8), deps()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DataContractError);
    expect((refused as Error).message).toBe('stripe/test_events record 3 (id ev_3): field "amount" is missing; contract v1.0.0 requires a integer there');
    expect((await store.list('stripe/test_events/')).filter((o) => o.key.includes('run=hourly-8/_manifest'))).toEqual([]);
  });

  it('commits the objects a stream took and the records it refused with the run, into ops.partner_files and ops.quarantine', async () => {
    const stream: RecordStream = {
      contract: events,
      async *read(position) {
        yield event(1);
        position.reject({ sourceFile: 'partners/a/f.csv', line: 3, column: 'amount', value: 'x1', expected: 'a whole number' });
        position.recordObject({ key: 'partners/a/f.csv', etag: 'e1', sizeBytes: 40, partner: 'a', outcome: 'taken', rowsTaken: 1, rowsRejected: 1 });
        position.recordObject({ key: 'partners/a/g.csv', etag: 'e2', sizeBytes: 9, partner: 'a', outcome: 'quarantined', rowsTaken: 0, rowsRejected: 0, reason: 'header lacks status', quarantineId: 'q1', quarantineKey: 'quarantine/partners/a/q1/g.csv' });
      },
    };
    const { manifest } = await extractRecordStream(stream, runAt(7), deps());
    expect(manifest.sourceObjects?.map((o) => o.outcome)).toEqual(['taken', 'quarantined']);
    expect(await query('select count(*)::int as n from ops.partner_files')).toEqual([{ n: 0 }]);
    await load();
    expect(await query('select object_key, etag, partner, run_id, outcome, rows_taken, rows_rejected, quarantine_key from ops.partner_files order by object_key')).toEqual([
      { object_key: 'partners/a/f.csv', etag: 'e1', partner: 'a', run_id: 'hourly-7', outcome: 'taken', rows_taken: 1, rows_rejected: 1, quarantine_key: null },
      { object_key: 'partners/a/g.csv', etag: 'e2', partner: 'a', run_id: 'hourly-7', outcome: 'quarantined', rows_taken: 0, rows_rejected: 0, quarantine_key: 'quarantine/partners/a/q1/g.csv' },
    ]);
    expect(await query('select source_file, row_number, reason, record from ops.quarantine')).toEqual([
      { source_file: 'partners/a/f.csv', row_number: 3, reason: 'column amount: expected a whole number', record: '{"column":"amount","value":"x1"}' },
    ]);
  });

  it('does not read the stream further ahead than one part while a part converts', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const converting: number[] = [];
    const gated = { writeFromCsv: async (input: Parameters<ParquetWriter['writeFromCsv']>[0]) => {
      converting.push(converting.length);
      if (converting.length === 1) await gate;
      return parquet.writeFromCsv(input);
    } } as unknown as ParquetWriter;
    const { stream, seen } = pagedStream([Array.from({ length: 500 }, (_, i) => event(i))]);
    // First part 10 records, then 80; chunks of 10.
    const done = extractRecordStream(stream, runAt(7), deps({ parquet: gated, rowsPerPart: 80 }));
    await until(() => seen.pulled >= 90);
    await settle();
    expect(converting).toEqual([0]);
    expect(seen.pulled).toBe(90);
    release();
    expect((await done).manifest.rowCount).toBe(500);
  });

  it('takes an encoded stream\'s CSV as it is: the same parts, rows, drift, progress and ledger as records', async () => {
    const { logger, records: logged } = recordingLogger();
    const fields = (i: number) => [`ev_${i}`, new Date((1_793_000_000 + i) * 1000).toISOString(), String(i * 100), String(1000 + i), `c${i}@example.com`, i % 2 ? '' : null, null, '{"order_id":"x"}'];
    const stream: EncodedRecordStream = {
      contract: events,
      async *readEncoded(position): AsyncGenerator<EncodedRecords> {
        yield { csv: Buffer.from(csvRecordsText([1, 2, 3].map(fields))), records: 3, unknownFields: { object: 3 } };
        yield { csv: Buffer.from(csvRecordsText([4, 5].map(fields))), records: 2, unknownFields: { object: 2, 'customer.id': 1 } };
        position.recordObject({ key: 'f.csv', etag: 'e1', sizeBytes: 10, partner: 'p', outcome: 'taken', rowsTaken: 5, rowsRejected: 0 });
        position.advanceTo('listed');
      },
    };
    const { manifest } = await extractRecordStream(stream, runAt(7), deps({ maskKey: 'k', logger }));
    expect(manifest).toMatchObject({ rowCount: 5, proposedCheckpoint: 'listed', drift: { added: ['customer.id', 'object'], unknownFieldRecords: { 'customer.id': 1, object: 5 } } });
    expect(manifest.files.map((f) => f.rows)).toEqual([1, 4]);
    expect(manifest.sourceObjects).toEqual([{ key: 'f.csv', etag: 'e1', sizeBytes: 10, partner: 'p', outcome: 'taken', rowsTaken: 5, rowsRejected: 0 }]);
    expect(logged.find((r) => r['msg'] === 'read complete; 2 source field(s) no contract column reads')).toMatchObject({ records: 5 });
    await load();
    expect(await query("select id, created, amount, order_id, email, note, paid from raw.stripe__test_events where id in ('ev_3', 'ev_4') order by id")).toEqual([
      { id: 'ev_3', created: '2026-10-26T07:33:23Z', amount: 300, order_id: '1003', email: maskValue('k', 'c3@example.com'), note: '', paid: null },
      { id: 'ev_4', created: '2026-10-26T07:33:24Z', amount: 400, order_id: '1004', email: maskValue('k', 'c4@example.com'), note: null, paid: null },
    ]);
  });

  it('lands a few thousand records with nested paths, nulls and empty strings, masking PII outside prod', async () => {
    const records = Array.from({ length: 3000 }, (_, i) => event(i, {
      metadata: i % 3 === 0 ? {} : { order_id: String(i), note: 'x' },
      customer: i % 5 === 0 ? null : { email: i % 7 === 0 ? null : `c${i}@example.com` },
      note: i % 2 === 0 ? '' : i % 11 === 0 ? null : `line ${i}, "quoted"\nsecond`,
      paid: i % 4 === 0 ? null : i % 2 === 1,
    }));
    const { logger, records: logged } = recordingLogger();
    let now = Date.parse('2026-11-02T12:00:00Z');
    const ticking = () => new Date((now += 10));
    const { stream } = pagedStream([records.slice(0, 1500), records.slice(1500)]);
    const { manifest } = await extractRecordStream(stream, runAt(7), deps({ maskKey: 'k', rowsPerPart: 1000, logger, clock: ticking, progressEveryMs: 5_000 }));
    expect(manifest.rowCount).toBe(3000);
    expect(logged.filter((r) => r['msg'] === 'reading').map((r) => r['records'])).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
    await load();
    const summary = await query(`select count(*)::int as n, count(order_id)::int as orders, count(email)::int as emails,
      count(*) filter (where note = '')::int as empty_notes, count(*) filter (where note is null)::int as null_notes, count(paid)::int as paid
      from raw.stripe__test_events`);
    const expected = { n: 3000, orders: 0, emails: 0, empty_notes: 0, null_notes: 0, paid: 0 };
    records.forEach((r, i) => {
      expected.orders += i % 3 === 0 ? 0 : 1;
      expected.emails += i % 5 === 0 || i % 7 === 0 ? 0 : 1;
      expected.empty_notes += r['note'] === '' ? 1 : 0;
      expected.null_notes += r['note'] === null ? 1 : 0;
      expected.paid += r['paid'] === null ? 0 : 1;
    });
    expect(summary).toEqual([expected]);
    const one = await query("select order_id, email, note, paid from raw.stripe__test_events where id = 'ev_11'");
    expect(one).toEqual([{ order_id: '11', email: maskValue('k', 'c11@example.com'), note: null, paid: true }]);
    const quoted = await query("select note from raw.stripe__test_events where id = 'ev_13'");
    expect(quoted).toEqual([{ note: 'line 13, "quoted"\nsecond' }]);
  });
});

/** The session with one kind of statement failing as a lost connection would. */
function failingOn(session: WarehouseSession, pattern: RegExp): WarehouseSession {
  return {
    dialect: session.dialect,
    query: (statement) => session.query(statement),
    run: async (statement) => {
      if (pattern.test(statement.sql)) throw new TransientError('connection lost');
      return session.run(statement);
    },
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not reached');
}

/** Lets pending I/O and promise chains run, so a read-ahead, if any, would show. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 10));
}
