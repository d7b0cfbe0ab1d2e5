import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger, type Logger } from '@northstar/core';
import { contractFor } from '@northstar/contracts';
import { LocalObjectStore } from '@northstar/object-store';
import { ParquetWriter } from '@northstar/parquet';
import { ensureWarehouseSchemas } from '@northstar/warehouse';
import { openTempDuckDb, type TempDuckDb } from '@northstar/warehouse/testing';
import { extractToRawZone } from './extract-to-raw-zone';
import { loadCommittedRuns } from './raw-loader';
import type { ShardSpec } from './raw-zone-layout';
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

  async function land(runId: string, ids: number[], watermark: string, shard?: ShardSpec) {
    await extractToRawZone(
      {
        contract: products, runId, mode: 'hourly', scheduledAt: at,
        window: { start: new Date('2026-11-02T05:00:00Z'), end: new Date(watermark) },
        proposedWatermark: new Date(watermark),
        openCsv: async function* () { yield productCsv(ids); },
        ...(shard ? { shard } : {}),
      },
      { store, parquet, maskKey: undefined, rowsPerPart: 1000, tempDir: dir, logger: silentLogger(), clock },
    );
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
    await land('hourly-2', [1, 4], '2026-11-02T06:59:00Z', { index: 0, count: 3 });
    await land('hourly-2', [2], '2026-11-02T06:58:30Z', { index: 2, count: 3 });
    const info = jest.fn();
    const logger = { ...silentLogger(), info } as unknown as Logger;
    const first = await load(logger);
    expect(first.rowsLoaded).toBe(0);
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ runId: 'hourly-2', missingShards: [1] }), 'sharded run incomplete; not loaded yet');
    expect(await readWatermark(db.warehouse, products)).toBeUndefined();

    await land('hourly-2', [3], '2026-11-02T06:59:10Z', { index: 1, count: 3 });
    const second = await load();
    expect(second).toMatchObject({ manifests: 3, filesLoaded: 3, rowsLoaded: 4 });
    expect(await rawIds()).toEqual([1, 2, 3, 4]);
    expect((await readWatermark(db.warehouse, products))?.toISOString()).toBe('2026-11-02T06:58:30.000Z');
  });
});
