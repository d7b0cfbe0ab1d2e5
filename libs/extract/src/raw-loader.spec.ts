import { copyFileSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataContractError, ExitCode, exitCodeFor, silentLogger, TransientError, type Logger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { fragment, renderSql } from '@northstar/sql';
import { ensureWarehouseSchemas, SnowflakeWarehouse } from '@northstar/warehouse';
import { fakeSnowflakeColumn, openTempDuckDb, RecordingSnowflakeConnection, type RecordedStatement, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractToRawZone } from './extract-to-raw-zone';
import { loadCommittedRuns } from './raw-loader';
import { entityPrefix, type ShardSpec } from './raw-zone-layout';
import { readWatermark } from './watermark-store';

const products = contractFor('orders_db', 'products');
const at = new Date('2026-11-02T07:00:00Z');

function productCsv(ids: number[]): string {
  return ids.map((i) => `${i},SKU-${i},Widget ${i},tools,${i}.25,EUR,t,2026-11-02 06:00:00+00,2026-11-02 06:30:00+00\n`).join('');
}

describe('loadCommittedRuns', () => {
  let dir: string;
  let db: TempDuckDb;
  let store: LocalObjectStore;
  let parquet: ParquetWriter;
  const clock = () => new Date('2026-11-02T07:30:00Z');

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'raw-loader-'));
    db = await openTempDuckDb();
    await ensureWarehouseSchemas(db.warehouse);
    store = new LocalObjectStore(path.join(dir, 'raw'));
    parquet = await ParquetWriter.open({ tempDir: dir });
  });

  afterEach(async () => {
    await parquet.close();
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  interface LandOptions {
    readonly shard?: ShardSpec;
    /** The window's start; its end is the proposed watermark. */
    readonly start?: string;
    readonly mode?: 'hourly' | 'backfill';
    readonly rowsPerPart?: number;
  }

  async function land(runId: string, ids: number[], watermark: string, options: LandOptions = {}) {
    const { manifest, manifestKey } = await extractToRawZone(
      {
        contract: products, runId, mode: options.mode ?? 'hourly', scheduledAt: at,
        window: { start: new Date(options.start ?? '2026-11-02T05:00:00Z'), end: new Date(watermark) },
        proposedWatermark: new Date(watermark),
        openCsv: async function* () { yield productCsv(ids); },
        ...(options.shard ? { shard: options.shard } : {}),
      },
      { store, parquet, maskKey: undefined, rowsPerPart: options.rowsPerPart ?? 1000, tempDir: dir, logger: silentLogger(), clock },
    );
    return { files: manifest.files.map((f) => f.key), manifestKey };
  }

  const load = (logger: Logger = silentLogger()) => loadCommittedRuns(products, { warehouse: db.warehouse, store, logger, clock, runId: 'load-1' });
  const rawIds = async () => (await db.warehouse.query<{ product_id: number }>({ sql: 'select product_id from raw.orders_db__products order by product_id', binds: [] })).map((r) => Number(r.product_id));

  it('reads only manifests it has not loaded: a loaded run is listed but never read again', async () => {
    await land('hourly-1', [1, 2], '2026-11-02T06:59:00Z');
    await land('hourly-2', [], '2026-11-02T07:59:00Z');
    await load();
    const reads = jest.spyOn(store, 'getText');
    await land('hourly-3', [3], '2026-11-02T08:59:00Z');
    reads.mockClear();
    const again = await load();
    expect(reads.mock.calls.map(([key]) => key)).toEqual([expect.stringContaining('run=hourly-3/_manifest.json')]);
    expect(again).toMatchObject({ manifests: 1, filesLoaded: 1, rowsLoaded: 1 });
    const runs = await db.warehouse.query<{ run_id: string; rows_loaded: number }>({ sql: 'select run_id, rows_loaded from ops.run_loads order by run_id', binds: [] });
    expect(runs).toEqual([{ run_id: 'hourly-1', rows_loaded: 2 }, { run_id: 'hourly-2', rows_loaded: 0 }, { run_id: 'hourly-3', rows_loaded: 1 }]);
  });

  it('skips, with a warning, a manifest deleted between the listing and its read, and loads the rest', async () => {
    const gone = await land('hourly-1', [1], '2026-11-02T06:59:00Z');
    await land('hourly-2', [2], '2026-11-02T07:59:00Z');
    const read = store.getText.bind(store);
    jest.spyOn(store, 'getText').mockImplementation(async (key) => (key === gone.manifestKey ? undefined : read(key)));
    const warn = jest.fn();
    const result = await load({ ...silentLogger(), warn } as unknown as Logger);
    expect(result).toMatchObject({ manifests: 1, rowsLoaded: 1 });
    expect(await rawIds()).toEqual([2]);
    expect(warn).toHaveBeenCalledWith({ manifest: gone.manifestKey }, 'manifest listed but gone when read; its run is not loaded');
  });

  describe('a run extracted under another contract version', () => {
    const older = { ...products, version: '0.9.0', columns: products.columns.filter((c) => c.name !== 'category') };
    const newer = { ...products, version: '1.1.0', columns: [...products.columns, { ...products.columns[1], name: 'colour' }] };
    const olderCsv = (ids: number[]) => ids.map((i) => `${i},SKU-${i},Widget ${i},${i}.25,EUR,t,2026-11-02 06:00:00+00,2026-11-02 06:30:00+00\n`).join('');
    const newerCsv = (ids: number[]) => productCsv(ids).replace(/\n/g, ',red\n');

    async function landUnder(contract: typeof products, runId: string, csv: string) {
      await extractToRawZone(
        {
          contract, runId, mode: 'hourly', scheduledAt: at,
          window: { start: new Date('2026-11-02T05:00:00Z'), end: new Date('2026-11-02T06:59:00Z') },
          proposedWatermark: new Date('2026-11-02T06:59:00Z'),
          openCsv: async function* () { yield csv; },
        },
        { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
      );
    }

    it('loads a run from before a column was added: its rows read null there', async () => {
      await landUnder(older, 'hourly-old', olderCsv([1, 2]));
      await land('hourly-new', [3], '2026-11-02T07:59:00Z');
      expect(await load()).toMatchObject({ filesLoaded: 2, rowsLoaded: 3 });
      const rows = await db.warehouse.query<{ product_id: number; category: string | null; sku: string }>({ sql: 'select product_id, category, sku from raw.orders_db__products order by product_id', binds: [] });
      expect(rows).toEqual([
        { product_id: 1, category: null, sku: 'SKU-1' },
        { product_id: 2, category: null, sku: 'SKU-2' },
        { product_id: 3, category: 'tools', sku: 'SKU-3' },
      ]);
    });

    it('refuses a run holding a column this contract does not declare, loading nothing of it', async () => {
      await landUnder(newer, 'hourly-newer', newerCsv([1]));
      await expect(load()).rejects.toThrow(
        'orders_db/products run hourly-newer was extracted under contract version 1.1.0 and holds colour, which contract version 1.0.0 here does not declare; load it with the release that declares them',
      );
      expect(await rawIds()).toEqual([]);
      expect((await readWatermark(db.warehouse, products))).toBeUndefined();
    });
  });

  it('loads an unsharded run once and moves the watermark to its proposal', async () => {
    await land('hourly-1', [1, 2], '2026-11-02T06:59:00Z');
    expect((await load()).rowsLoaded).toBe(2);
    expect((await load()).rowsLoaded).toBe(0);
    expect(await rawIds()).toEqual([1, 2]);
    expect((await readWatermark(db.warehouse, products))?.toISOString()).toBe('2026-11-02T06:59:00.000Z');
  });

  it('skips a sharded run until every shard has committed, then loads all of it at the earliest proposed watermark', async () => {
    await land('hourly-2', [1, 4], '2026-11-02T06:59:00Z', { shard: { index: 0, count: 3 } });
    await land('hourly-2', [2], '2026-11-02T06:58:30Z', { shard: { index: 2, count: 3 } });
    const info = jest.fn();
    const logger = { ...silentLogger(), info } as unknown as Logger;
    const first = await load(logger);
    expect(first.rowsLoaded).toBe(0);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ runId: 'hourly-2', missingShards: [1] }), 'sharded run incomplete; not loaded yet');
    expect(await readWatermark(db.warehouse, products)).toBeUndefined();

    await land('hourly-2', [3], '2026-11-02T06:59:10Z', { shard: { index: 1, count: 3 } });
    const second = await load();
    expect(second).toMatchObject({ manifests: 3, filesLoaded: 3, rowsLoaded: 4 });
    expect(await rawIds()).toEqual([1, 2, 3, 4]);
    expect((await readWatermark(db.warehouse, products))?.toISOString()).toBe('2026-11-02T06:58:30.000Z');
  });

  describe('a file that does not load as its manifest says (the run fails by name, exit 3, and nothing of it is kept)', () => {
    const ledger = async () => (await db.warehouse.query<{ run_id: string }>({ sql: 'select run_id from ops.file_loads order by run_id', binds: [] })).map((r) => r.run_id);
    const loadedRuns = async () => (await db.warehouse.query<{ run_id: string }>({ sql: 'select run_id from ops.run_loads order by run_id', binds: [] })).map((r) => r.run_id);

    /** Run hourly-1 loaded; hourly-2 is the one that fails. */
    beforeEach(async () => {
      await land('hourly-1', [1], '2026-11-02T06:59:00Z');
      await load();
    });

    async function expectOnlyHourly1Loaded() {
      expect(await rawIds()).toEqual([1]);
      expect(await ledger()).toEqual(['hourly-1']);
      expect(await loadedRuns()).toEqual(['hourly-1']);
      expect((await readWatermark(db.warehouse, products))?.toISOString()).toBe('2026-11-02T06:59:00.000Z');
    }

    async function expectDataContractError(failure: Promise<unknown>, message: string | RegExp) {
      const error = await failure.then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataContractError);
      expect(exitCodeFor(error)).toBe(ExitCode.dataViolation);
      expect((error as Error).message).toMatch(message);
    }

    it('a file its manifest lists but the raw zone lacks (checked before loading)', async () => {
      const { files } = await land('hourly-2', [2, 3, 4], '2026-11-02T07:59:00Z', { rowsPerPart: 2 });
      expect(files).toHaveLength(2);
      unlinkSync(store.locate(files[1]));
      await expectDataContractError(load(), `orders_db/products run hourly-2, file ${files[1]}: its manifest lists it but the raw zone does not hold it; nothing of the run is loaded`);
      await expectOnlyHourly1Loaded();
    });

    it('a file gone from the raw zone after the load listed it (the engine\'s not-found error)', async () => {
      const { files } = await land('hourly-2', [2], '2026-11-02T07:59:00Z');
      jest.spyOn(store, 'list').mockResolvedValue(await store.list(entityPrefix(products)));
      unlinkSync(store.locate(files[0]));
      await expectDataContractError(load(), new RegExp(`^orders_db/products run hourly-2, file ${files[0]}: the raw zone no longer holds it \\(DuckDB failed on .*No files found`));
      await expectOnlyHourly1Loaded();
    });

    it('a file replaced after its run committed: its size differs from the manifest\'s', async () => {
      const { files } = await land('hourly-2', [2, 3], '2026-11-02T07:59:00Z');
      const other = await land('hourly-other', [666, 667, 668], '2026-11-02T07:59:00Z');
      copyFileSync(store.locate(other.files[0]), store.locate(files[0]));
      const [heldBytes] = (await store.list(entityPrefix(products))).filter((o) => o.key === files[0]).map((o) => o.size);
      await expectDataContractError(load(), new RegExp(`^orders_db/products run hourly-2, file ${files[0]}: its manifest records \\d+ bytes but the raw zone holds ${heldBytes}, so it changed after its run committed; nothing of the run is loaded$`));
      expect(await rawIds()).not.toContain(666);
    });

    it('a value that does not convert to its column\'s type: the engine\'s message names the column', async () => {
      const { files, manifestKey } = await land('hourly-2', [2, 3], '2026-11-02T07:59:00Z');
      await db.warehouse.run(renderSql(
        `copy (select 'abc' as product_id, 'SKU-2' as sku, 'Widget' as name, 'tools' as category, '1.25' as unit_price, 'EUR' as currency, true as is_active,
          timestamptz '2026-11-02 06:00:00+00' as created_at, timestamptz '2026-11-02 06:30:00+00' as updated_at) to {{ target }} (format parquet)`,
        db.warehouse.dialect,
        { fragments: { target: fragment(db.warehouse.dialect.literal(store.locate(files[0]))) } },
      ));
      // As an extractor bug would leave it: a manifest that describes the unconvertible file it wrote.
      const [written] = (await store.list(entityPrefix(products))).filter((o) => o.key === files[0]);
      const manifest = JSON.parse((await store.getText(manifestKey)) ?? '');
      await store.putText(manifestKey, JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], bytes: written.size }] }));
      await expectDataContractError(load(), new RegExp(`^orders_db/products run hourly-2, file ${files[0]}: DuckDB failed on "insert into raw.orders_db__products .*Conversion Error: .*'abc'.* product_id`, 's'));
      await expectOnlyHourly1Loaded();
    });

    it('a file whose rows in the raw table differ from its manifest\'s count', async () => {
      const { files, manifestKey } = await land('hourly-2', [2, 3], '2026-11-02T07:59:00Z');
      const manifest = JSON.parse((await store.getText(manifestKey)) ?? '');
      await store.putText(manifestKey, JSON.stringify({ ...manifest, rowCount: 3, files: [{ ...manifest.files[0], rows: 3 }] }));
      await expectDataContractError(load(), `orders_db/products run hourly-2, file ${files[0]}: its manifest counts 3 rows but the raw table holds 2 for it after loading; nothing of the run is loaded`);
      await expectOnlyHourly1Loaded();
    });
  });

  it('loads a backfill of a detached window without moving the watermark; a run reading on from the watermark moves it', async () => {
    await land('hourly-10', [1], '2026-11-02T10:00:00Z', { start: '2026-11-02T09:00:00Z' });
    await load();
    const watermark = async () => (await readWatermark(db.warehouse, products))?.toISOString();
    expect(await watermark()).toBe('2026-11-02T10:00:00.000Z');

    // A nightly repair's re-read: a backfill-mode run loaded straight into raw (a backfill command's chunks are held instead, below).
    await land('repair-12-14', [2, 3], '2026-11-02T14:00:00Z', { start: '2026-11-02T12:00:00Z', mode: 'backfill' });
    const info = jest.fn();
    expect(await load({ ...silentLogger(), info } as unknown as Logger)).toMatchObject({ filesLoaded: 1, rowsLoaded: 2 });
    expect(await rawIds()).toEqual([1, 2, 3]);
    expect(await watermark()).toBe('2026-11-02T10:00:00.000Z');
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ runId: 'repair-12-14', windowStart: '2026-11-02T12:00:00.000Z', watermark: '2026-11-02T10:00:00.000Z' }),
      'run loaded without moving the watermark: its window starts after the watermark (a backfill of a detached window)',
    );

    await land('hourly-11', [4], '2026-11-02T11:00:00Z', { start: '2026-11-02T09:55:00Z' });
    await load();
    expect(await watermark()).toBe('2026-11-02T11:00:00.000Z');
  });

  it("a backfill chunk's run is held: a load into raw leaves it, the chunk's held load (hold) takes only its own run, into raw_backfill", async () => {
    await land('hourly-10', [1], '2026-11-02T10:00:00Z', { start: '2026-11-02T09:00:00Z' });
    await land('backfill-20261101T00-20261102T00', [2, 3], '2026-11-02T00:00:00Z', { start: '2026-11-01T00:00:00Z', mode: 'backfill' });
    expect(await load()).toMatchObject({ manifests: 1, rowsLoaded: 1 });
    expect(await rawIds()).toEqual([1]);

    await land('hourly-11', [4], '2026-11-02T11:00:00Z', { start: '2026-11-02T09:55:00Z' });
    const held = await loadCommittedRuns(products, { warehouse: db.warehouse, store, logger: silentLogger(), clock, runId: 'backfill-20261101T00-20261102T00', hold: true });
    expect(held).toMatchObject({ manifests: 1, filesLoaded: 1, rowsLoaded: 2 });
    const heldIds = await db.warehouse.query<{ product_id: number }>({ sql: 'select product_id from raw_backfill.orders_db__products order by product_id', binds: [] });
    expect(heldIds.map((r) => Number(r.product_id))).toEqual([2, 3]);
    expect(await rawIds()).toEqual([1]);
    expect(await load()).toMatchObject({ manifests: 1, rowsLoaded: 1 });
    expect(await rawIds()).toEqual([1, 4]);
  });

  describe('on Snowflake (a recording connection)', () => {
    const isCopy = (s: RecordedStatement) => s.sql.includes('copy into raw.orders_db__products');
    /** Answers a COPY as Snowflake does, one line per file it loaded (`held` rows each, named by the external stage's URL); every other statement succeeds with no rows. */
    const holding = (held: Record<string, number>, failCopy?: Error) => (s: RecordedStatement) => {
      if (!isCopy(s)) return undefined;
      if (failCopy) throw failCopy;
      const columns = ['FILE', 'STATUS', 'ROWS_PARSED', 'ROWS_LOADED'].map((name, i) => fakeSnowflakeColumn(name, i < 2 ? 'text' : 'fixed'));
      return { columns, rows: Object.entries(held).map(([key, n]) => [`s3://northstar-raw/${key}`, 'LOADED', String(n), String(n)]) };
    };

    async function loadInto(connection: RecordingSnowflakeConnection, rawStage?: string) {
      const warehouse = await SnowflakeWarehouse.fromConnection(connection, silentLogger());
      return loadCommittedRuns(products, { warehouse, store, logger: silentLogger(), clock, runId: 'load-1', ...(rawStage ? { rawStage } : {}) });
    }

    const recorded = (connection: RecordingSnowflakeConnection) => ({
      ledgerOrWatermarkWritten: connection.statements.some((s) => /insert into ops\.(file_loads|run_loads)|merge into ops\.watermarks/.test(s.sql)),
      last: connection.statements.at(-1)?.sql,
    });

    it('copies from the configured raw stage (SNOWFLAKE_RAW_STAGE)', async () => {
      const { files } = await land('hourly-1', [1, 2], '2026-11-02T06:59:00Z');
      const connection = new RecordingSnowflakeConnection(holding({ [files[0]]: 2 }));
      expect(await loadInto(connection, 'ops.northstar_raw')).toMatchObject({ filesLoaded: 1, rowsLoaded: 2 });
      const copies = connection.statements.filter(isCopy);
      expect(copies).toHaveLength(1);
      expect(copies[0].sql).toContain('  from @ops.northstar_raw\n');
      expect(copies[0].sql).toContain(`files = ('${files[0]}')`);
      expect(recorded(connection)).toEqual({ ledgerOrWatermarkWritten: true, last: 'commit' });
    });

    it('refuses a COPY that loaded nothing (a stage whose root is not the raw zone\'s), recording nothing and rolling back', async () => {
      const { files } = await land('hourly-1', [1, 2], '2026-11-02T06:59:00Z');
      const connection = new RecordingSnowflakeConnection(holding({}));
      const error = await loadInto(connection).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DataContractError);
      expect((error as Error).message).toBe(`orders_db/products run hourly-1, file ${files[0]}: the COPY reported no line for it (nothing loaded: is the stage rooted at the raw zone?); nothing of the run is loaded`);
      expect(recorded(connection)).toEqual({ ledgerOrWatermarkWritten: false, last: 'rollback' });
    });

    it.each([
      ['a network failure stays transient', Object.assign(new Error('Network error. Could not reach Snowflake.'), { code: 401001 }), TransientError, ExitCode.transient],
      ['a value that does not convert is bad data', Object.assign(new Error("Numeric value 'abc' is not recognized"), { code: '100038', sqlState: '22018' }), DataContractError, ExitCode.dataViolation],
      ['a SQL error stays unexpected', Object.assign(new Error("SQL compilation error: Stage 'RAW_ZONE' does not exist"), { code: '002003', sqlState: '02000' }), Error, ExitCode.unexpected],
    ])('names the file of a failed COPY: %s', async (_name, cause, kind, exitCode) => {
      const { files } = await land('hourly-1', [1, 2], '2026-11-02T06:59:00Z');
      const connection = new RecordingSnowflakeConnection(holding({ [files[0]]: 2 }, cause));
      const error = await loadInto(connection).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(kind);
      expect(exitCodeFor(error)).toBe(exitCode);
      expect((error as Error).message).toBe(`orders_db/products run hourly-1, file ${files[0]}: Snowflake failed on "copy into raw.orders_db__products (product_id, sku, name, category, unit_price, currency, is_active, created_at, updated_at, _run_id, _source_file, _row_number, _extracted_at, _loaded_at)": ${cause.message}`);
      expect(recorded(connection)).toEqual({ ledgerOrWatermarkWritten: false, last: 'rollback' });
    });
  });
});
