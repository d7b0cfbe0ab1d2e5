import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unlinkSync } from 'node:fs';
import { DataContractError, silentLogger, TransientError } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { extractToRawZone } from '@northstar/extract';
import { loadModelCatalog } from '@northstar/models';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { SnowflakeWarehouse, type Warehouse, type WarehouseSession } from '@northstar/warehouse';
import { fakeSnowflakeColumn, openTempDuckDb, RecordingSnowflakeConnection } from '@northstar/warehouse/testing';
import { loadSource } from './load-source';

const products = contractFor('orders_db', 'products');

describe('loadSource on Snowflake (a recording connection)', () => {
  let dir: string;
  let parquet: ParquetWriter;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'load-source-'));
    parquet = await ParquetWriter.open({ tempDir: dir });
  });

  afterEach(async () => {
    await parquet.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies raw files from the stage SNOWFLAKE_RAW_STAGE names', async () => {
    const store = new LocalObjectStore(path.join(dir, 'raw'));
    const clock = () => new Date('2026-11-02T07:30:00Z');
    const { manifest } = await extractToRawZone(
      {
        contract: products, runId: 'hourly-1', mode: 'hourly', scheduledAt: new Date('2026-11-02T07:00:00Z'),
        window: { start: new Date('2026-11-02T05:00:00Z'), end: new Date('2026-11-02T06:59:00Z') },
        proposedWatermark: new Date('2026-11-02T06:59:00Z'),
        openCsv: async function* () { yield '1,SKU-1,Widget 1,tools,1.25,EUR,t,2026-11-02 06:00:00+00,2026-11-02 06:30:00+00\n'; },
      },
      { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
    );
    const [file] = manifest.files;
    // Snowflake answers the COPY with a line per file (an external stage names it by its full URL) and holds its one row.
    const connection = new RecordingSnowflakeConnection((s) =>
      s.sql.includes('copy into') ? { columns: [fakeSnowflakeColumn('FILE', 'text'), fakeSnowflakeColumn('STATUS', 'text'), fakeSnowflakeColumn('ROWS_LOADED', 'fixed')], rows: [[`s3://bucket/raw/${file.key}`, 'LOADED', '1']] }
      : s.sql.includes('count(*) as row_count') ? { columns: [fakeSnowflakeColumn('SOURCE_FILE', 'text'), fakeSnowflakeColumn('ROW_COUNT', 'fixed')], rows: [[file.key, '1']] } : undefined,
    );
    const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());

    await loadSource([products], [], { warehouse, store, logger: silentLogger(), piiColumns: new Set<string>(), clock, runId: 'load-1', mode: 'hourly', rawStage: 'ops.northstar_raw', loadLockTtlMs: 3_600_000 });

    const copies = connection.statements.filter((s) => s.sql.includes('copy into raw.orders_db__products'));
    expect(copies.map((s) => /from @(\S+)/.exec(s.sql)?.[1])).toEqual(['ops.northstar_raw']);
  });
});

describe('loadSource --full-refresh on DuckDB', () => {
  it('leaves the models to refresh as they were when a raw load fails, instead of dropped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'load-refresh-'));
    const parquet = await ParquetWriter.open({ tempDir: dir });
    const db = await openTempDuckDb();
    try {
      const store = new LocalObjectStore(path.join(dir, 'raw'));
      const clock = () => new Date('2026-11-02T09:30:00Z');
      const land = (runId: string, hour: number, ids: number[]) => extractToRawZone(
        {
          contract: products, runId, mode: 'hourly', scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)),
          window: { start: new Date(Date.UTC(2026, 10, 2, hour - 2)), end: new Date(Date.UTC(2026, 10, 2, hour)) },
          proposedWatermark: new Date(Date.UTC(2026, 10, 2, hour)),
          openCsv: async function* () { yield ids.map((i) => `${i},SKU-${i},Widget ${i},tools,1.25,EUR,t,2026-11-02 06:00:00+00,2026-11-02 06:30:00+00\n`).join(''); },
        },
        { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
      );
      const models = loadModelCatalog().filter((m) => m.name === 'stg_orders_db__products');
      const deps = { warehouse: db.warehouse, store, logger: silentLogger(), piiColumns: new Set<string>(), clock, runId: 'load-1', mode: 'hourly' as const, loadLockTtlMs: 3_600_000 };
      await land('hourly-7', 7, [1, 2]);
      await loadSource([products], models, deps);
      const staged = () => db.warehouse.query<{ n: number }>({ sql: 'select count(*) as n from staging.stg_orders_db__products', binds: [] });
      expect(await staged()).toEqual([{ n: 2 }]);

      const broken = await land('hourly-8', 8, [3]);
      unlinkSync(store.locate(broken.manifest.files[0].key));
      await expect(loadSource([products], models, deps, { fullRefresh: ['stg_orders_db__products'] })).rejects.toBeInstanceOf(DataContractError);
      expect(await staged()).toEqual([{ n: 2 }]);
      // The failed load let go of the source's lock: the next load is not told another one holds it.
      await expect(loadSource([products], models, deps)).rejects.toThrow(/raw zone does not hold it/);
    } finally {
      await db.dispose();
      await parquet.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('loadSource: the run record\'s rows out and retries', () => {
  it('counts the rows its models wrote, and retries a transient failure in place with the one retry helper', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'load-figures-'));
    const parquet = await ParquetWriter.open({ tempDir: dir });
    const db = await openTempDuckDb();
    try {
      const store = new LocalObjectStore(path.join(dir, 'raw'));
      let now = Date.parse('2026-11-02T09:30:00Z');
      const clock = () => new Date((now += 1000));
      const land = (runId: string, hour: number, ids: number[]) => extractToRawZone(
        {
          contract: products, runId, mode: 'hourly', scheduledAt: new Date(Date.UTC(2026, 10, 2, hour)),
          window: { start: new Date(Date.UTC(2026, 10, 2, hour - 2)), end: new Date(Date.UTC(2026, 10, 2, hour)) },
          proposedWatermark: new Date(Date.UTC(2026, 10, 2, hour)),
          openCsv: async function* () { yield ids.map((i) => `${i},SKU-${i},Widget ${i},tools,1.25,EUR,t,2026-11-02 0${hour - 1}:00:00+00,2026-11-02 0${hour - 1}:30:00+00\n`).join(''); },
        },
        { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
      );
      const models = loadModelCatalog().filter((m) => m.name === 'stg_orders_db__products');
      // The first transaction (the raw load's) meets a lock another process holds, as DuckDB reports it.
      let locked = 1;
      const warehouse = Object.create(db.warehouse, {
        transaction: { value: <T>(fn: (session: WarehouseSession) => Promise<T>) => (locked-- > 0 ? Promise.reject(new TransientError('DuckDB file is locked by another process')) : db.warehouse.transaction(fn)) },
      }) as Warehouse;
      const retries: number[] = [];
      const deps = { warehouse, store, logger: silentLogger(), piiColumns: new Set<string>(), clock, runId: 'load-1', mode: 'hourly' as const, loadLockTtlMs: 3_600_000, retry: { sleep: async () => undefined, onRetry: (_: unknown, attempt: number) => void retries.push(attempt) } };

      await land('hourly-7', 7, [1, 2, 3]);
      const first = await loadSource([products], models, deps);
      expect(retries).toEqual([1]);
      expect(first.raw.map((r) => r.rowsLoaded)).toEqual([3]);
      expect(first.rowsOut).toBe(3);

      // One product changed, one new: two staged rows written; the two unchanged ones are not counted.
      await land('hourly-8', 8, [3, 4]);
      const second = await loadSource([products], models, { ...deps, runId: 'load-2' });
      expect(second.raw.map((r) => r.rowsLoaded)).toEqual([2]);
      expect(second.rowsOut).toBe(2);
      expect(retries).toEqual([1]);

      // Nothing new: nothing written.
      expect((await loadSource([products], models, { ...deps, runId: 'load-3' })).rowsOut).toBe(0);
    } finally {
      await db.dispose();
      await parquet.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
